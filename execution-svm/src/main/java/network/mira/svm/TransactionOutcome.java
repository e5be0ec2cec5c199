package network.mira.svm;

import java.util.SortedMap;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/**
 * What one transaction did, without having done it yet: its result and the account values it
 * writes (the fee debit alone when it failed). Executors apply the writes in block order, which is
 * what makes parallel execution produce the serial result.
 */
public record TransactionOutcome(TransactionResult result, SortedMap<PublicKey, Account> writes) {}
