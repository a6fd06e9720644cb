// The server a task starts in the Start and Connect check: a tool server on the port given as the
// first argument, writing the methods it received to the file given as the second.

import { renameSync, writeFileSync } from 'node:fs';
import { startToolServer } from '../../fixtures/toolServer';

const [port, methodsFile] = process.argv.slice(2);
void startToolServer({ name: 'task-server', port: Number(port), tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }] }).then(
  (server) => {
    // Written aside and renamed, so a reader never sees half a file.
    const save = () => {
      writeFileSync(`${methodsFile}.part`, JSON.stringify(server.methods));
      renameSync(`${methodsFile}.part`, methodsFile);
    };
    save();
    setInterval(save, 100);
    process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
  },
);
