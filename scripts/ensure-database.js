// Creates the database named in the URL when it does not exist yet.
const { Client } = require('pg');

async function main() {
  const url = new URL(process.argv[2]);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) return;
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      process.stderr.write(`[hireloop] created database ${name}\n`);
    }
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  process.stderr.write(`[hireloop] could not create the database: ${error.message}\n`);
  process.exit(1);
});
