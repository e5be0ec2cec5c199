package network.mira.svm;

import java.util.Optional;
import network.mira.core.account.Account;
import network.mira.core.crypto.PublicKey;

/** Read access to committed account state; the runtime never writes through it. */
@FunctionalInterface
public interface AccountReader {
    Optional<Account> get(PublicKey address);
}
