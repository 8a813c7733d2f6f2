import { ensurePrismaClients } from "./lib/setup.mjs";
ensurePrismaClients();
