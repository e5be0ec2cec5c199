'use strict';
// The node's gRPC API (rpc/src/main/protobuf/mira/v1/mira.proto, loaded from the repository, not
// copied) as promises, with a deadline on every call and a bounded wait for finality.

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_PATH = path.resolve(__dirname, '..', '..', 'rpc', 'src', 'main', 'protobuf', 'mira', 'v1', 'mira.proto');
const CALL_DEADLINE_MS = 10_000;
const POLL_INTERVAL_MS = 200;
const FINALITY_TIMEOUT_MS = 60_000;
const SERVICES = ['NodeService', 'TransactionService', 'AccountService', 'ChainService', 'FaucetService'];

/** A refusal or transport failure of one call, with the node's gRPC status and message. */
class RpcError extends Error {
  constructor(method, cause) {
    const status = grpc.status[cause.code] || String(cause.code);
    super(`${method}: ${status}: ${cause.details || cause.message}`);
    this.code = status;
    this.details = cause.details;
  }
}

class MiraRpc {
  constructor(address) {
    const definition = protoLoader.loadSync(PROTO_PATH, {
      keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
    });
    const v1 = grpc.loadPackageDefinition(definition).mira.v1;
    const credentials = grpc.credentials.createInsecure();
    this.address = address;
    this.clients = Object.fromEntries(SERVICES.map((name) => [name, new v1[name](address, credentials)]));
  }

  call(service, method, request) {
    const client = this.clients[service];
    const deadline = new Date(Date.now() + CALL_DEADLINE_MS);
    return new Promise((resolve, reject) => {
      client[method](request, { deadline }, (error, response) => {
        if (error) {
          reject(new RpcError(`${service}.${method}`, error));
        } else {
          resolve(response);
        }
      });
    });
  }

  status() {
    return this.call('NodeService', 'GetNodeStatus', {});
  }

  block(height) {
    return this.call('ChainService', 'GetBlock', { height: String(height) });
  }

  /** { blockhash, lastValidBlockHeight }: what a web3.js Transaction takes. */
  async latestBlockhash() {
    const answer = await this.call('ChainService', 'GetLatestBlockhash', { commitment: 'FINALIZED' });
    return { blockhash: answer.blockhash, lastValidBlockHeight: Number(answer.last_valid_height) };
  }

  async airdrop(address, lamports) {
    const answer = await this.call('FaucetService', 'RequestAirdrop',
      { address: address.toBase58(), lamports: String(lamports) });
    return answer.signature;
  }

  async submit(wireBytes) {
    return (await this.call('TransactionService', 'SubmitTransaction', { transaction: wireBytes })).signature;
  }

  async balance(address) {
    const answer = await this.call('AccountService', 'GetBalance',
      { address: address.toBase58(), commitment: 'FINALIZED' });
    return BigInt(answer.lamports);
  }

  /**
   * The transaction once it is in a finalized block (SUCCEEDED or FAILED; the node reports an
   * included transaction only when finalized). Polls for at most FINALITY_TIMEOUT_MS.
   */
  async awaitFinalized(signature) {
    const deadline = Date.now() + FINALITY_TIMEOUT_MS;
    let last = 'UNKNOWN';
    while (Date.now() < deadline) {
      const answer = await this.call('TransactionService', 'GetTransaction', { signature });
      if (answer.commitment === 'FINALIZED' && (answer.state === 'SUCCEEDED' || answer.state === 'FAILED')) {
        return answer;
      }
      last = answer.state;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    throw new Error(`transaction ${signature} not finalized within ${FINALITY_TIMEOUT_MS} ms (last state ${last})`);
  }

  close() {
    Object.values(this.clients).forEach((client) => client.close());
  }
}

module.exports = { MiraRpc, RpcError, PROTO_PATH };
