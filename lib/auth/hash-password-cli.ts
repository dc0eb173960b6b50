// npm run hash-password: reads a password (typed without echo, or piped) and prints its scrypt hash
// for USERS_FILE. The password is never printed and never stored.
import { hashPassword } from './passwords';

async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  process.stderr.write('Password: ');
  input.setRawMode(true);
  input.resume();
  let password = '';
  return new Promise((resolve) => {
    input.on('data', (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          process.stderr.write('\n');
          resolve(password);
          return;
        }
        if (char === '\u0003') process.exit(130);
        password = char === '\u007f' ? password.slice(0, -1) : password + char;
      }
    });
  });
}

async function main() {
  const password = await readPassword();
  if (password.length < 8) {
    process.stderr.write('chatload: a password needs at least 8 characters\n');
    process.exit(1);
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
}

void main();
