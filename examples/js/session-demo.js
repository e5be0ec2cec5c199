#!/usr/bin/env node
'use strict';
// A dApp using a Mira session: the wallet signs one intent text, then the dApp's session key makes
// transfers from the wallet on its own, and the runtime refuses the one that would exceed the limit.
//
//   node session-demo.js [--rpc host:port] [--json]
//
// With --json the log goes to stderr and stdout holds exactly one JSON summary object.
// Exit status 0 only when the first two transfers succeeded and the third failed with
// SpendLimitExceeded; 1 otherwise (including any refusal by the node); 2 for a usage error.

const nacl = require('tweetnacl');
const bs58 = require('bs58');
const { Keypair, SystemProgram, Transaction } = require('@solana/web3.js');
const sessions = require('./mira-sessions');
const { MiraRpc } = require('./mira-rpc');

const DEFAULT_RPC = '127.0.0.1:50051';
const DOMAIN = 'session-demo.example';
const SESSION_LIFETIME_MS = 10 * 60 * 1000;
const OWNER_AIRDROP_LAMPORTS = 1_000_000_000n;
const SESSION_KEY_AIRDROP_LAMPORTS = 10_000_000n;
const SPEND_LIMIT_LAMPORTS = 250_000n;
const PER_TRANSACTION_LIMIT_LAMPORTS = 150_000n;
const MAX_TRANSACTIONS = 10n;
const TRANSFER_LAMPORTS = 100_000n;
const TRANSFER_COUNT = 3;
const EXPECTED_STATUSES = ['SUCCEEDED', 'SUCCEEDED', 'FAILED'];
const EXPECTED_ERRORS = [null, null, 'SpendLimitExceeded'];
const USAGE = 'usage: node session-demo.js [--rpc host:port] [--json]';

function parseArguments(argv) {
  const options = { rpc: DEFAULT_RPC, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') {
      options.json = true;
    } else if (argv[i] === '--rpc' && i + 1 < argv.length) {
      options.rpc = argv[++i];
    } else if (argv[i].startsWith('--rpc=')) {
      options.rpc = argv[i].slice('--rpc='.length);
    } else if (argv[i] === '--help' || argv[i] === '-h') {
      options.help = true;
    } else {
      throw new UsageError(`unknown argument '${argv[i]}'`);
    }
  }
  if (!/^[^:\s]+:\d{1,5}$/.test(options.rpc)) {
    throw new UsageError(`--rpc must be host:port, got '${options.rpc}'`);
  }
  return options;
}

class UsageError extends Error {}

/** Signs with the payer, submits, and waits for the transaction's finalized outcome. */
async function send(rpc, payer, instructions) {
  const { blockhash, lastValidBlockHeight } = await rpc.latestBlockhash();
  const transaction = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight })
    .add(...instructions);
  transaction.sign(payer);
  const signed = bs58.encode(transaction.signature);
  const signature = await rpc.submit(transaction.serialize());
  if (signature !== signed) {
    throw new Error(`the node answered signature ${signature} for the transaction signed as ${signed}`);
  }
  return rpc.awaitFinalized(signature);
}

function describeError(answer) {
  return answer.error ? `${answer.error.code}: ${answer.error.message}` : '';
}

async function fund(rpc, log, accounts) {
  log('1. Funding from the devnet faucet (FaucetService.RequestAirdrop)');
  const signatures = await Promise.all(accounts.map(({ key, lamports }) => rpc.airdrop(key.publicKey, lamports)));
  const answers = await Promise.all(signatures.map((signature) => rpc.awaitFinalized(signature)));
  answers.forEach((answer, i) => {
    const { name, lamports } = accounts[i];
    log(`   ${name.padEnd(12)} +${lamports} lamports  ${answer.state} at height ${answer.height}  ${answer.signature}`);
    if (answer.state !== 'SUCCEEDED') {
      throw new Error(`airdrop to the ${name} failed: ${describeError(answer)}`);
    }
  });
}

/** The intent the wallet is asked to sign: System transfers only, to one recipient, 250000 lamports. */
function sessionIntent({ chainId, owner, sessionKey, recipient, headTimeMs }) {
  const expiresAtMs = Math.floor((headTimeMs + SESSION_LIFETIME_MS) / 1000) * 1000;
  return {
    chainId,
    domain: DOMAIN,
    owner: owner.publicKey,
    sessionKey: sessionKey.publicKey,
    expiresAtMs,
    nonce: sessions.randomNonce(),
    scope: {
      programs: [{ program: SystemProgram.programId, discriminators: [2] }],
      spendLimit: SPEND_LIMIT_LAMPORTS,
      perTransactionLimit: PER_TRANSACTION_LIMIT_LAMPORTS,
      maxTransactions: MAX_TRANSACTIONS,
      recipients: [recipient],
      feeAllowance: 0n,
    },
  };
}

async function createSession(rpc, log, { intent, owner, sessionKey }) {
  const text = sessions.renderIntent(intent);
  log('2. The wallet is asked to sign this text (its signMessage: Ed25519 over the UTF-8 bytes):');
  text.trimEnd().split('\n').forEach((line) => log(`   | ${line}`.trimEnd()));
  const signature = nacl.sign.detached(Buffer.from(text, 'utf8'), owner.secretKey);
  const session = sessions.sessionAddress(intent.owner, intent.nonce);
  log(`   signed (${Buffer.byteLength(text, 'utf8')} bytes); the session key submits it to the session program`);
  const answer = await send(rpc, sessionKey, [sessions.createSessionFromIntentInstruction({
    payer: sessionKey.publicKey, intent, text, signature,
  })]);
  if (answer.state !== 'SUCCEEDED') {
    throw new Error(`CreateSessionFromIntent failed: ${describeError(answer)}`);
  }
  log(`   session ${session.toBase58()} created at height ${answer.height}  ${answer.signature}`);
  return { session, signature: answer.signature };
}

async function transfer(rpc, { session, owner, sessionKey, recipient }) {
  const instruction = sessions.sessionTransferInstruction({
    session, sessionKey: sessionKey.publicKey, owner: owner.publicKey, to: recipient, lamports: TRANSFER_LAMPORTS,
  });
  try {
    const answer = await send(rpc, sessionKey, [instruction]);
    return {
      signature: answer.signature,
      status: answer.state,
      error: answer.error ? answer.error.code : null,
      error_message: answer.error ? answer.error.message : null,
      height: Number(answer.height),
    };
  } catch (refused) {
    // Refused before execution (admission): nothing was included. Shown as such, never hidden.
    return { signature: null, status: 'REFUSED', error: refused.code || 'ERROR', error_message: refused.message };
  }
}

async function transfers(rpc, log, parties) {
  log(`3. ${TRANSFER_COUNT} transfers of ${TRANSFER_LAMPORTS} lamports from the wallet, signed by the session key only`
    + ` (spend limit ${SPEND_LIMIT_LAMPORTS})`);
  const results = [];
  for (let i = 0; i < TRANSFER_COUNT; i++) {
    const result = await transfer(rpc, parties);
    const where = result.height === undefined ? '' : ` at height ${result.height}`;
    const why = result.error ? `  ${result.error}: ${result.error_message}` : '';
    log(`   #${i + 1} ${result.status}${where}  ${result.signature || ''}${why}`);
    results.push(result);
  }
  return results;
}

function asExpected(results, recipientBalance) {
  return results.length === TRANSFER_COUNT
    && results.every((result, i) => result.status === EXPECTED_STATUSES[i] && result.error === EXPECTED_ERRORS[i])
    && recipientBalance === TRANSFER_LAMPORTS * 2n;
}

async function run(options, log) {
  const rpc = new MiraRpc(options.rpc);
  try {
    const status = await rpc.status();
    const head = await rpc.block(status.finalized_height);
    log(`Mira session demo: node ${options.rpc}, chain ${status.chain_id}, finalized height ${head.height}`);
    const owner = Keypair.generate();
    const sessionKey = Keypair.generate();
    const recipient = Keypair.generate().publicKey;
    log(`   wallet (owner) ${owner.publicKey.toBase58()}`);
    log(`   session key    ${sessionKey.publicKey.toBase58()}  (held by the dApp, pays its own fees)`);
    log(`   recipient      ${recipient.toBase58()}`);
    await fund(rpc, log, [
      { name: 'wallet', key: owner, lamports: OWNER_AIRDROP_LAMPORTS },
      { name: 'session key', key: sessionKey, lamports: SESSION_KEY_AIRDROP_LAMPORTS },
    ]);
    const intent = sessionIntent({
      chainId: status.chain_id, owner, sessionKey, recipient, headTimeMs: Number(head.timestamp_ms),
    });
    const created = await createSession(rpc, log, { intent, owner, sessionKey });
    const results = await transfers(rpc, log, { session: created.session, owner, sessionKey, recipient });
    const recipientBalance = await rpc.balance(recipient);
    const ownerBalance = await rpc.balance(owner.publicKey);
    log(`4. Balances (finalized): recipient ${recipientBalance} lamports, wallet ${ownerBalance} lamports`
      + ` (it paid no fees: the session key did)`);
    const ok = asExpected(results, recipientBalance);
    log(ok ? 'As expected: two transfers within the limit went through; the runtime refused the third.'
      : 'NOT as expected: see the transfers above.');
    return {
      ok,
      summary: {
        session: created.session.toBase58(),
        chain_id: status.chain_id,
        owner: owner.publicKey.toBase58(),
        session_key: sessionKey.publicKey.toBase58(),
        recipient: recipient.toBase58(),
        expires_at: sessions.formatExpiresAt(intent.expiresAtMs),
        nonce: intent.nonce.toString(),
        create_signature: created.signature,
        transfers: results.map(({ signature, status: state, error, error_message: message }) =>
          ({ signature, status: state, error, error_message: message })),
        recipient_balance: Number(recipientBalance),
        owner_balance: Number(ownerBalance),
        as_expected: ok,
      },
    };
  } finally {
    rpc.close();
  }
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const log = options.json ? (line) => console.error(line) : (line) => console.log(line);
  try {
    const { ok, summary } = await run(options, log);
    if (options.json) {
      console.log(JSON.stringify(summary));
    }
    return ok ? 0 : 1;
  } catch (error) {
    console.error(`session demo failed: ${error.message}`);
    return 1;
  }
}

main().then((code) => { process.exitCode = code; });
