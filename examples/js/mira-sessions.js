'use strict';
// The client side of Mira sessions, without I/O: the intent text a wallet signs, the session
// program's derived addresses and its instructions. Each function mirrors a class of the node's
// `sessions` module (named in its comment); docs/sessions.md describes the formats.

const crypto = require('node:crypto');
const { PublicKey, SystemProgram, TransactionInstruction } = require('@solana/web3.js');

const SESSION_PROGRAM_ID = new PublicKey('Session111111111111111111111111111111111111');

// IntentText.TITLE and IntentText.EXPLANATION, word for word: the wallet shows them to the user.
const INTENT_TITLE = 'Mira session request';
const INTENT_EXPLANATION = 'Signing this lets the session key below act for your account on the'
  + ' domain below until it expires, only within the limits listed. It cannot do anything else, and it'
  + ' stops working by itself when it expires.';
const INTENT_VERSION = 1;
const INTENT_MAX_BYTES = 900;
const U63_MAX = (1n << 63n) - 1n;

// SessionInstruction discriminants (u32 little endian).
const CREATE_SESSION_FROM_INTENT = 1;
const ACT = 2;
// SessionInstruction.Act: inner accounts start after [session, session key, owner, owner book].
const ACT_FIRST_INNER_ACCOUNT = 4;

/**
 * The one canonical text of an intent (IntentText.render). `scope` fields: programs (null = any,
 * else [{ program: PublicKey, discriminators: null | number[] }]), spendLimit, perTransactionLimit,
 * maxTransactions (null = none, else a bigint or number), recipients (null = any, else PublicKey[]),
 * feeAllowance.
 */
function renderIntent(intent) {
  const scope = intent.scope;
  const lines = [
    ['version', String(INTENT_VERSION)],
    ['chain_id', intent.chainId],
    ['domain', intent.domain],
    ['owner', intent.owner.toBase58()],
    ['session_key', intent.sessionKey.toBase58()],
    ['expires_at', formatExpiresAt(intent.expiresAtMs)],
    ['programs', formatPrograms(scope.programs)],
    ['spend_limit', formatLimit(scope.spendLimit)],
    ['per_tx_limit', formatLimit(scope.perTransactionLimit)],
    ['max_tx', formatLimit(scope.maxTransactions)],
    ['recipients', formatRecipients(scope.recipients)],
    ['fee_allowance', formatNumber(scope.feeAllowance)],
    ['nonce', formatNumber(intent.nonce)],
  ];
  const text = `${INTENT_TITLE}\n\n${INTENT_EXPLANATION}\n\n`
    + lines.map(([key, value]) => `${key}: ${value}\n`).join('');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > INTENT_MAX_BYTES) {
    throw new Error(`intent text would be ${bytes} bytes, at most ${INTENT_MAX_BYTES} can be signed`);
  }
  return text;
}

/** `YYYY-MM-DDTHH:MM:SSZ`: whole seconds, UTC (IntentValues.formatExpiresAt). */
function formatExpiresAt(expiresAtMs) {
  const seconds = Math.floor(Number(expiresAtMs) / 1000);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function formatNumber(value) {
  const number = BigInt(value);
  if (number < 0n || number > U63_MAX) {
    throw new RangeError(`${value} is not a number from 0 to 2^63 - 1`);
  }
  return number.toString();
}

function formatLimit(limit) {
  return limit === null || limit === undefined ? 'none' : formatNumber(limit);
}

/** Sorted by the keys' bytes, not their base58 text; discriminators ascending. */
function formatPrograms(programs) {
  if (programs === null || programs === undefined) {
    return 'any';
  }
  return sortByKeyBytes(programs, (entry) => entry.program).map((entry) => {
    if (entry.discriminators === null || entry.discriminators === undefined) {
      return entry.program.toBase58();
    }
    const sorted = [...new Set(entry.discriminators)].sort((a, b) => a - b);
    return `${entry.program.toBase58()}:${sorted.join('+')}`;
  }).join(',');
}

function formatRecipients(recipients) {
  if (recipients === null || recipients === undefined) {
    return 'any';
  }
  return sortByKeyBytes(recipients, (key) => key).map((key) => key.toBase58()).join(',');
}

function sortByKeyBytes(items, keyOf) {
  return [...items].sort((a, b) => Buffer.compare(keyOf(a).toBuffer(), keyOf(b).toBuffer()));
}

/** A nonce the owner has most likely never used: random, 0 to 2^63 - 1. */
function randomNonce() {
  return crypto.randomBytes(8).readBigUInt64LE() & U63_MAX;
}

function u64(value) {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value));
  return bytes;
}

function u32(value) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

/** SHA-256(ASCII prefix ‖ seed) as a key, as SessionProgram derives its accounts. */
function derive(prefix, seed) {
  return new PublicKey(crypto.createHash('sha256').update(Buffer.from(prefix, 'ascii')).update(seed).digest());
}

/** SessionProgram.sessionAddress: one session per (owner, nonce). */
function sessionAddress(owner, nonce) {
  return derive('mira/session', Buffer.concat([owner.toBuffer(), u64(nonce)]));
}

/** SessionProgram.ownerBook: the wallet's session list and audit trail. */
function ownerBook(owner) {
  return derive('mira/session-owner', owner.toBuffer());
}

/** SessionProgram.expiryBucket of ExpiryBucket.bucketOf(expiresAtMs): sessions expiring in that minute. */
function expiryBucket(expiresAtMs) {
  return derive('mira/session-expiry', u64(BigInt(expiresAtMs) / 60000n));
}

/** SignedIntentCodec: u16 LE text length, the text's UTF-8 bytes, 32-byte owner, 64-byte signature. */
function encodeSignedIntent(text, owner, signature) {
  const textBytes = Buffer.from(text, 'utf8');
  if (textBytes.length > INTENT_MAX_BYTES || signature.length !== 64) {
    throw new RangeError('a signed intent has at most 900 bytes of text and a 64-byte signature');
  }
  const length = Buffer.alloc(2);
  length.writeUInt16LE(textBytes.length);
  return Buffer.concat([length, textBytes, owner.toBuffer(), Buffer.from(signature)]);
}

/**
 * SessionProgram.createSessionFromIntent: anyone (here the session key) submits the wallet's
 * signed intent. Accounts: [payer (s, w), session (w), owner book (w), expiry bucket (w)].
 */
function createSessionFromIntentInstruction({ payer, intent, text, signature }) {
  return new TransactionInstruction({
    programId: SESSION_PROGRAM_ID,
    keys: [
      { pubkey: payer, isSigner: true, isWritable: true },
      { pubkey: sessionAddress(intent.owner, intent.nonce), isSigner: false, isWritable: true },
      { pubkey: ownerBook(intent.owner), isSigner: false, isWritable: true },
      { pubkey: expiryBucket(intent.expiresAtMs), isSigner: false, isWritable: true },
    ],
    data: Buffer.concat([u32(CREATE_SESSION_FROM_INTENT), encodeSignedIntent(text, intent.owner, signature)]),
  });
}

/**
 * SessionProgram.act: the session key runs `inner` with the owner's authority. Accounts: [session (w),
 * session key (s), owner (w), owner book (w), then inner's accounts with the owner as a non-signer]:
 * the owner does not sign, the session program lends its authority after checking the session.
 * Data: u32 2, inner program id, u8 count + u8 indexes (from 4), u32 LE length + inner data.
 */
function actInstruction({ session, sessionKey, owner, inner }) {
  const innerAccounts = inner.keys.map((meta) => ({
    pubkey: meta.pubkey,
    isSigner: meta.isSigner && !meta.pubkey.equals(owner),
    isWritable: meta.isWritable,
  }));
  const indexes = innerAccounts.map((_, i) => ACT_FIRST_INNER_ACCOUNT + i);
  return new TransactionInstruction({
    programId: SESSION_PROGRAM_ID,
    keys: [
      { pubkey: session, isSigner: false, isWritable: true },
      { pubkey: sessionKey, isSigner: true, isWritable: false },
      { pubkey: owner, isSigner: false, isWritable: true },
      { pubkey: ownerBook(owner), isSigner: false, isWritable: true },
      ...innerAccounts,
    ],
    data: Buffer.concat([u32(ACT), inner.programId.toBuffer(), Buffer.from([indexes.length, ...indexes]),
      u32(inner.data.length), inner.data]),
  });
}

/** A System transfer from the owner, made by the session key inside the session. */
function sessionTransferInstruction({ session, sessionKey, owner, to, lamports }) {
  const inner = SystemProgram.transfer({ fromPubkey: owner, toPubkey: to, lamports });
  return actInstruction({ session, sessionKey, owner, inner });
}

module.exports = {
  SESSION_PROGRAM_ID,
  INTENT_MAX_BYTES,
  renderIntent,
  formatExpiresAt,
  randomNonce,
  sessionAddress,
  ownerBook,
  expiryBucket,
  encodeSignedIntent,
  createSessionFromIntentInstruction,
  actInstruction,
  sessionTransferInstruction,
};
