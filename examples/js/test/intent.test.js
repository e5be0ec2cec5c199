'use strict';
// The intent text and signature of docs/sessions.md's example, rebuilt with mira-sessions.js:
// the same vector IntentTextTest and SignedIntentTest check on the Java side.

const test = require('node:test');
const assert = require('node:assert/strict');
const nacl = require('tweetnacl');
const { Keypair, PublicKey, SystemProgram } = require('@solana/web3.js');
const sessions = require('../mira-sessions');

const seeded = (byte) => Keypair.fromSeed(new Uint8Array(32).fill(byte));

const EXPECTED_TEXT = `Mira session request

Signing this lets the session key below act for your account on the domain below until it expires, only within the limits listed. It cannot do anything else, and it stops working by itself when it expires.

version: 1
chain_id: mira-devnet
domain: app.example.com
owner: AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9
session_key: 9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu
expires_at: 2026-11-26T14:10:00Z
programs: 11111111111111111111111111111111:2,GyGKxMyg1p9SsHfm15MkNUu1u9TN2JtTspcdmrtGUdse
spend_limit: 1000000000
per_tx_limit: 100000000
max_tx: 50
recipients: EdmxWPmx2WH6WgFfTdu9xfkYf3k1g5wD1zccTVySEEh1
fee_allowance: 5000000
nonce: 42
`;
const EXPECTED_SIGNATURE = '01c835370664c783e603bca36674c8dbdcfe70636645ded5f47e194fd8d7cbbd'
  + '2da461828c5c4bdf450d6908ba48d72b529644bb490a33302ad5e5f892989d09';

function documentedIntent() {
  return {
    chainId: 'mira-devnet',
    domain: 'app.example.com',
    owner: seeded(1).publicKey,
    sessionKey: seeded(2).publicKey,
    expiresAtMs: Date.UTC(2026, 10, 26, 14, 10, 0),
    nonce: 42n,
    scope: {
      // Given out of order on purpose: rendering sorts by key bytes.
      programs: [{ program: seeded(3).publicKey, discriminators: null },
        { program: SystemProgram.programId, discriminators: [2] }],
      spendLimit: 1000000000n,
      perTransactionLimit: 100000000n,
      maxTransactions: 50,
      recipients: [seeded(4).publicKey],
      feeAllowance: 5000000n,
    },
  };
}

test('renders the documented example byte for byte', () => {
  const text = sessions.renderIntent(documentedIntent());
  assert.equal(text, EXPECTED_TEXT);
  assert.equal(Buffer.byteLength(text, 'utf8'), 668);
});

test('the owner signs the UTF-8 bytes as signMessage does, giving the documented signature', () => {
  const text = sessions.renderIntent(documentedIntent());
  const signature = nacl.sign.detached(Buffer.from(text, 'utf8'), seeded(1).secretKey);
  assert.equal(Buffer.from(signature).toString('hex'), EXPECTED_SIGNATURE);
});

test('expires_at drops milliseconds and is UTC with a Z', () => {
  assert.equal(sessions.formatExpiresAt(Date.UTC(2026, 0, 2, 3, 4, 5) + 999), '2026-01-02T03:04:05Z');
});

test('the signed intent encoding is u16 LE length, text, owner, signature', () => {
  const owner = seeded(1).publicKey;
  const encoded = sessions.encodeSignedIntent('ab', owner, new Uint8Array(64).fill(7));
  assert.equal(encoded.length, 2 + 2 + 32 + 64);
  assert.equal(encoded.readUInt16LE(0), 2);
  assert.equal(encoded.subarray(2, 4).toString('utf8'), 'ab');
  assert.ok(encoded.subarray(4, 36).equals(owner.toBuffer()));
});

test('a session transfer passes the owner without its signature and indexes from 4', () => {
  const owner = seeded(1).publicKey;
  const sessionKey = seeded(2).publicKey;
  const to = seeded(4).publicKey;
  const session = sessions.sessionAddress(owner, 42n);
  const instruction = sessions.sessionTransferInstruction({ session, sessionKey, owner, to, lamports: 100000 });
  assert.deepEqual(instruction.keys.map((meta) => [meta.pubkey.toBase58(), meta.isSigner, meta.isWritable]), [
    [session.toBase58(), false, true],
    [sessionKey.toBase58(), true, false],
    [owner.toBase58(), false, true],
    [sessions.ownerBook(owner).toBase58(), false, true],
    [owner.toBase58(), false, true],
    [to.toBase58(), false, true],
  ]);
  const data = instruction.data;
  assert.equal(data.readUInt32LE(0), 2);
  assert.ok(data.subarray(4, 36).equals(new PublicKey('11111111111111111111111111111111').toBuffer()));
  assert.deepEqual([...data.subarray(36, 39)], [2, 4, 5]);
  assert.equal(data.readUInt32LE(39), 12);
  assert.equal(data.readUInt32LE(43), 2);
  assert.equal(data.readBigUInt64LE(47), 100000n);
  assert.equal(data.length, 55);
});
