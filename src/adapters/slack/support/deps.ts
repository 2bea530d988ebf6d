/** What every listener gets: the core API and the adapter's small pieces of state. */
import type { Admission } from "../../../core/admission.js";
import type { Reply } from "../../../core/reply.js";
import type { Logger } from "../../../core/logger.js";
import type { RapportApi } from "../../../core/service-api.js";
import type { SlackConfig } from "../config.js";
import type { SlackActorResolver } from "./actor.js";
import type { SlackPoster } from "./poster.js";
import type { FileOutcome } from "./file-upload.js";
import type { TtlMap } from "./ttl-map.js";
import type { KnownLocales } from "./known-locales.js";

/** An ephemeral reply kept so its Share button can post it; only its owner may share it. */
export type SharedReply = { reply: Reply; teamId: string; userId: string };

export type SlackDeps = {
  api: RapportApi;
  /** The language each member was last answered in: for what is said before the core is asked (busy refusals, forms). */
  locales: KnownLocales;
  /** Consulted before acknowledging anything that runs the core: take the request on, or say busy. */
  admission: Admission;
  logger: Logger;
  config: SlackConfig;
  actors: SlackActorResolver;
  poster: SlackPoster;
  /** share token -> reply (30 minutes, like response_url). */
  shares: TtlMap<string, SharedReply>;
  /** idempotency key -> the running or finished core call, so a repeated submission joins the first. */
  inFlight: TtlMap<string, Promise<Reply>>;
  /** event_id / delivery ids already handled. */
  deliveries: TtlMap<string, true>;
  /** delivery key -> the upload of a reply's files, so a repeated delivery does not upload them again. */
  uploads: TtlMap<string, Promise<FileOutcome[]>>;
  /** RAPPORT_PUBLIC_URL: links under it unfurl (listeners/events/link-shared.ts); undefined: none do. */
  publicUrl?: string;
};
