package network.mira.node.cli;

import network.mira.core.crypto.PublicKey;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The address and commitment that account reads ({@code balance}, {@code account}) take. */
final class AccountQuery {
    @Parameters(index = "0", paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Base58 address.")
    PublicKey address;

    @Option(names = "--commitment", paramLabel = "LEVEL", defaultValue = "finalized",
            description = "Read at processed, confirmed or finalized state (default ${DEFAULT-VALUE}).")
    CommitmentLevel commitment;
}
