import { loadConfig } from "../config.js";
import { backup, restore } from "../ops/backup.js";

/**
 * `npx pnpm@10.34.8 backup <file>` and `npx pnpm@10.34.8 restore <file>`, on the database the
 * environment names (DATABASE_URL, else the embedded one in DATA_DIR).
 */
const [command, file] = process.argv.slice(2);
if ((command !== "backup" && command !== "restore") || !file) {
  console.error("usage: backup <file> | restore <file>");
  process.exit(2);
}
const { database } = loadConfig();
await (command === "backup" ? backup(database, file) : restore(database, file));
console.log(`${command}: done (${file})`);
