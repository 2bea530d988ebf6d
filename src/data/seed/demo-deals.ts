/**
 * Deal demo data: open deals in every default stage, spread over this month, next month and the
 * quarter, plus deals won and lost (with reasons) in the last weeks, so `deals`, `forecast`, the
 * pipeline digest and App Home show a live pipeline. Each deal has its history rows.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { addDaysTo, type CalendarDate } from "../../core/dates.js";
import { toDbDate } from "../mappers.js";

type DemoDeal = {
  customer: string;
  owner: string;
  title: string;
  /** Minor units of the workspace currency (the demo customers have none of their own). */
  amount: number;
  stage: "lead" | "qualified" | "proposal" | "negotiation" | "won" | "lost";
  probability?: number;
  /** Days from today: the expected close (open deals) or the day it closed (won and lost). */
  closeIn: number;
  /** Days the deal has been in its stage. */
  inStageFor: number;
  lostReason?: "price" | "competitor" | "no-budget" | "timing" | "other";
  lostNote?: string;
};

const DEALS: DemoDeal[] = [
  { customer: "acme", owner: "alice", title: "Q1 volume agreement", amount: 6_000_000, stage: "proposal", closeIn: 5, inStageFor: 6 },
  { customer: "acme", owner: "alice", title: "Spare parts 2027", amount: 1_200_000, stage: "lead", closeIn: 45, inStageFor: 3 },
  { customer: "muller", owner: "bob", title: "Werkzeugmaschinen Retrofit", amount: 2_500_000, stage: "qualified", closeIn: 30, inStageFor: 12 },
  { customer: "globex", owner: "bob", title: "Heavy-duty widgets", amount: 12_000_000, stage: "negotiation", probability: 80, closeIn: 7, inStageFor: 3 },
  { customer: "hongda", owner: "chen", title: "2027 年度框架协议", amount: 30_000_000, stage: "negotiation", closeIn: 20, inStageFor: 4 },
  { customer: "htc", owner: "chen", title: "電子零件年度報價", amount: 4_800_000, stage: "proposal", closeIn: 12, inStageFor: 6 },
  { customer: "samsung", owner: "minji", title: "WID-200 500개 공급", amount: 20_000_000, stage: "qualified", closeIn: 25, inStageFor: 1 },
  { customer: "lumiere", owner: "you", title: "Espresso bar fit-out", amount: 900_000, stage: "lead", closeIn: 60, inStageFor: 2 },
  { customer: "huaqiang", owner: "chen", title: "样品订单", amount: 260_000, stage: "won", closeIn: -5, inStageFor: 5 },
  { customer: "acme", owner: "alice", title: "Widgets Q4 top-up", amount: 1_250_000, stage: "won", closeIn: -2, inStageFor: 2 },
  { customer: "initech", owner: "alice", title: "Software licences", amount: 1_500_000, stage: "lost", closeIn: -10, inStageFor: 10, lostReason: "no-budget", lostNote: "Budget frozen until Q3." },
  { customer: "hyundai", owner: "minji", title: "재고 정리 물량", amount: 900_000, stage: "lost", closeIn: -20, inStageFor: 20, lostReason: "competitor" },
  { customer: "muller", owner: "bob", title: "Ersatzteilpaket", amount: 400_000, stage: "lost", closeIn: -4, inStageFor: 4, lostReason: "price" },
];

const PREVIOUS: Record<DemoDeal["stage"], string> = { lead: "lead", qualified: "lead", proposal: "qualified", negotiation: "proposal", won: "negotiation", lost: "proposal" };

export async function loadDemoDeals(
  tx: Prisma.TransactionClient,
  tenantId: number,
  customers: ReadonlyMap<string, number>,
  members: ReadonlyMap<string, number>,
  today: CalendarDate,
): Promise<void> {
  const at = (offset: number) => new Date(`${addDaysTo(today, offset)}T09:00:00Z`);
  for (const deal of DEALS) {
    const closed = deal.stage === "won" || deal.stage === "lost";
    const ownerId = members.get(deal.owner)!;
    const enteredStage = at(-deal.inStageFor);
    const row = await tx.deal.create({
      data: {
        tenantId,
        customerId: customers.get(deal.customer)!,
        ownerId,
        createdById: ownerId,
        title: deal.title,
        amount: BigInt(deal.amount),
        stage: deal.stage,
        probability: deal.probability ?? null,
        closeOn: closed ? null : toDbDate(addDaysTo(today, deal.closeIn)),
        status: closed ? deal.stage : "open",
        closedOn: closed ? toDbDate(addDaysTo(today, deal.closeIn)) : null,
        lostReason: deal.lostReason ?? null,
        lostNote: deal.lostNote ?? null,
        stageChangedAt: enteredStage,
        createdAt: at(-deal.inStageFor - 14),
      },
    });
    const previous = PREVIOUS[deal.stage];
    await tx.dealEvent.create({ data: { tenantId, dealId: row.id, actorId: ownerId, at: at(-deal.inStageFor - 14), kind: "created", toStage: previous } });
    if (previous !== deal.stage) {
      const kind = deal.stage === "won" ? "won" : deal.stage === "lost" ? "lost" : "stage";
      const detail = deal.lostReason ? { reason: deal.lostReason, ...(deal.lostNote ? { note: deal.lostNote } : {}) } : undefined;
      await tx.dealEvent.create({ data: { tenantId, dealId: row.id, actorId: ownerId, at: enteredStage, kind, fromStage: previous, toStage: deal.stage, detail } });
    }
    // The demo quote for Globex prices this deal.
    if (deal.customer === "globex") await tx.quote.updateMany({ where: { tenantId, number: "QT-2001" }, data: { dealId: row.id } });
  }
}
