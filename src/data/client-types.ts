import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

/** Either the root client or the client of an open interactive transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
