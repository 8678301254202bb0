/** `npm run audit:verify`: reports the first broken link of the audit chain (exit 1), or that it is intact. */
import { readConfig } from "../../config.ts";
import { openDatabase } from "../../db/client.ts";
import { verifyAuditChain } from "./audit.ts";

const database = await openDatabase(readConfig());
try {
  const { checked, firstBreak } = await verifyAuditChain(database.db);
  if (firstBreak) {
    console.error(
      `Audit chain BROKEN at entry #${firstBreak.id} (chain ${firstBreak.chain}, position ${firstBreak.chainSeq}): ${firstBreak.problem}. ${checked} entries checked.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Audit chain intact: ${checked} entries checked.`);
  }
} finally {
  await database.close();
}
