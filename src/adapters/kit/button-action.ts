/** What a rendered button does: a reply's own actions, plus the paging buttons renderers add. */
import type { Button } from "../../core/reply.js";

export type ButtonAction = Button["action"] | { kind: "page"; command: string };
