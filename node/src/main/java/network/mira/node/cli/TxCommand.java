package network.mira.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import network.mira.core.crypto.Signature;
import network.mira.core.tx.Transaction;
import network.mira.core.tx.WireFormatException;
import network.mira.rpc.v1.GetTransactionResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mira tx status|decode}. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Look up or decode transactions.")
final class TxCommand extends GroupCommand {
    /** Far above any transaction (1232 bytes, about 1.7 KB as base64); stops reading a wrong stream early. */
    private static final int MAX_INPUT_CHARS = 64 * 1024;

    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new TxCommand())
                .addSubcommand(new CommandLine(new Status(environment)))
                .addSubcommand(new CommandLine(new Decode(environment)));
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show a transaction's status, commitment, block and fee.")
    static final class Status extends CliCommand {
        @Parameters(index = "0", paramLabel = "SIGNATURE", converter = Converters.TransactionSignature.class,
                description = "The transaction's first signature (base58).")
        Signature signature;

        Status(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            GetTransactionResponse response;
            try (RpcClient rpc = connect()) {
                response = rpc.transaction(signature);
            }
            if (json) {
                printJson(TransactionReport.json(response));
                return ExitCodes.OK;
            }
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("signature", response.getSignature());
            fields.put("status", TransactionReport.summary(response));
            if (TransactionReport.isIncluded(response)) {
                fields.put("block", response.getBlockHash() + " (height "
                        + Long.toUnsignedString(response.getHeight()) + ", index " + response.getIndex() + ")");
            }
            printFields(fields);
            return ExitCodes.OK;
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode a wire-format transaction offline: version, signatures and whether each "
                    + "verifies, account keys with signer/writable flags, blockhash, instructions.")
    static final class Decode extends CliCommand {
        @Parameters(index = "0", paramLabel = "BASE64_TX",
                description = "The transaction as base64, or - to read it from standard input.")
        String input;

        Decode(CliEnvironment environment) {
            super(environment);
        }

        @Override
        public Integer call() {
            String text = "-".equals(input) ? readStdin() : input;
            byte[] bytes = decodeBase64(text);
            Transaction transaction;
            try {
                transaction = Transaction.decode(bytes);
            } catch (WireFormatException e) {
                throw CliException.failure("cannot decode transaction (" + bytes.length + " bytes): "
                        + e.getMessage());
            }
            LinkedHashMap<String, Object> decoded = DecodedTransaction.describe(transaction, bytes.length);
            if (json) {
                printJson(decoded);
            } else {
                DecodedTransaction.text(decoded).forEach(this::printLine);
            }
            return ExitCodes.OK;
        }

        private String readStdin() {
            try {
                InputStream in = environment.stdin().get();
                byte[] read = in.readNBytes(MAX_INPUT_CHARS + 1);
                if (read.length > MAX_INPUT_CHARS) {
                    throw CliException.failure("standard input holds more than " + MAX_INPUT_CHARS
                            + " characters; a transaction is at most 1232 bytes");
                }
                return new String(read, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw CliException.failure("cannot read the transaction from standard input: " + e.getMessage());
            }
        }

        /** Standard base64 (padding optional); base64url is accepted too. Whitespace is ignored. */
        static byte[] decodeBase64(String text) {
            String compact = text.replaceAll("\\s+", "");
            if (compact.isEmpty()) {
                throw CliException.failure("no transaction given: the input is empty");
            }
            boolean url = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0;
            for (int i = 0; i < compact.length(); i++) {
                char c = compact.charAt(i);
                boolean padding = c == '=' && i >= compact.length() - 2;
                if (!padding && !isBase64Character(c, url)) {
                    throw CliException.failure("transaction is not valid base64: character '" + printable(c)
                            + "' at position " + i + " is not in the base64 alphabet");
                }
            }
            try {
                return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(compact);
            } catch (IllegalArgumentException e) {
                throw CliException.failure("transaction is not valid base64 (" + compact.length() + " characters): "
                        + e.getMessage());
            }
        }

        private static boolean isBase64Character(char c, boolean url) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (url ? c == '-' || c == '_' : c == '+' || c == '/');
        }

        private static String printable(char c) {
            return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
        }
    }
}
