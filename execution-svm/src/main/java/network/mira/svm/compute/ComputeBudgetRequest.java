package network.mira.svm.compute;

import java.math.BigInteger;
import java.util.List;
import network.mira.core.crypto.PublicKey;
import network.mira.core.tx.CompiledInstruction;
import network.mira.core.tx.Message;
import network.mira.svm.program.InstructionDecodeException;
import network.mira.svm.program.computebudget.ComputeBudgetInstruction;
import network.mira.svm.program.computebudget.ComputeBudgetProgram;

/**
 * What a transaction asks of the compute budget, read from its Compute Budget instructions by
 * Solana's rules:
 *
 * <ul>
 *   <li>each of the four instruction types may appear at most once;
 *   <li>the unit limit is the requested one (SetComputeUnitLimit), or else
 *       {@code defaultUnitsPerInstruction} times the number of instructions that are not Compute
 *       Budget instructions, and in both cases at most {@code maxUnitsPerTransaction};
 *   <li>the price (SetComputeUnitPrice) is in micro-lamports per unit, 0 when not set; the
 *       priority fee is {@code ceil(price × unit limit / 1,000,000)} lamports, on the requested
 *       limit rather than the units consumed;
 *   <li>RequestHeapFrame must be a multiple of 1 KiB from 32 KiB to 256 KiB; a loaded accounts
 *       data size limit must not be 0 and is lowered to 64 MiB. Both are recorded only: native
 *       programs have no heap and Mira does not meter loaded data yet.
 * </ul>
 *
 * Immutable; computed once per transaction by admission, block packing and execution alike.
 */
public final class ComputeBudgetRequest {
    public static final long MICRO_LAMPORTS_PER_LAMPORT = 1_000_000;
    public static final long MIN_HEAP_FRAME_BYTES = 32 * 1024;
    public static final long MAX_HEAP_FRAME_BYTES = 256 * 1024;
    public static final long HEAP_FRAME_BYTES_GRANULARITY = 1024;
    public static final long MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES = 64 * 1024 * 1024;

    private static final BigInteger MICRO_LAMPORTS = BigInteger.valueOf(MICRO_LAMPORTS_PER_LAMPORT);
    private static final BigInteger LARGEST_FEE = BigInteger.valueOf(Long.MAX_VALUE);

    private final long unitLimit;
    private final long unitPriceMicroLamports;
    private final long heapFrameBytes;
    private final long loadedAccountsDataSizeLimitBytes;
    private final long priorityFeeLamports;

    private ComputeBudgetRequest(long unitLimit, long unitPriceMicroLamports, long heapFrameBytes,
                                 long loadedAccountsDataSizeLimitBytes, long priorityFeeLamports) {
        this.unitLimit = unitLimit;
        this.unitPriceMicroLamports = unitPriceMicroLamports;
        this.heapFrameBytes = heapFrameBytes;
        this.loadedAccountsDataSizeLimitBytes = loadedAccountsDataSizeLimitBytes;
        this.priorityFeeLamports = priorityFeeLamports;
    }

    /**
     * @throws InstructionDecodeException when a Compute Budget instruction does not decode, repeats
     *     an earlier one ("duplicate compute budget instruction: set_compute_unit_limit ..."), asks
     *     for a heap frame or data size limit Solana refuses, or the priority fee could not be held
     *     by any account (more than {@link Long#MAX_VALUE} lamports)
     */
    public static ComputeBudgetRequest of(Message message, ComputeParameters parameters)
            throws InstructionDecodeException {
        Requested requested = new Requested();
        long otherInstructions = 0;
        List<CompiledInstruction> instructions = message.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            CompiledInstruction instruction = instructions.get(i);
            PublicKey programId = message.programId(instruction);
            if (ComputeBudgetProgram.ID.equals(programId)) {
                requested.add(i, decode(i, instruction.data()));
            } else {
                otherInstructions++;
            }
        }
        long unitLimit = Math.min(requested.unitLimit >= 0 ? requested.unitLimit
                        : saturatingMultiply(parameters.defaultUnitsPerInstruction(), otherInstructions),
                parameters.maxUnitsPerTransaction());
        long price = requested.price;
        return new ComputeBudgetRequest(unitLimit, price, requested.heapFrameBytes(),
                requested.loadedAccountsDataSizeLimitBytes(), priorityFee(price, unitLimit));
    }

    /** The most compute units the transaction may consume; execution fails beyond it. */
    public long unitLimit() {
        return unitLimit;
    }

    /**
     * Micro-lamports per compute unit, a u64 kept with its bits unchanged: prices of 2^63 and
     * above are negative here (read them with {@link Long#toUnsignedString}). 0 when not set.
     */
    public long unitPriceMicroLamports() {
        return unitPriceMicroLamports;
    }

    /** {@code ceil(price × unitLimit / 1,000,000)}: what the transaction pays on top of its base fee. */
    public long priorityFeeLamports() {
        return priorityFeeLamports;
    }

    /**
     * The price as a non-negative number for ordering candidates, highest first: the price itself,
     * with every price of 2^63 micro-lamports and above counted as {@link Long#MAX_VALUE}.
     */
    public long priorityPerUnit() {
        return unitPriceMicroLamports >= 0 ? unitPriceMicroLamports : Long.MAX_VALUE;
    }

    /** Requested heap frame, {@link #MIN_HEAP_FRAME_BYTES} when not set. Recorded only. */
    public long heapFrameBytes() {
        return heapFrameBytes;
    }

    /** Requested loaded accounts data limit, at most (and by default) 64 MiB. Recorded only. */
    public long loadedAccountsDataSizeLimitBytes() {
        return loadedAccountsDataSizeLimitBytes;
    }

    @Override
    public String toString() {
        return "ComputeBudgetRequest[unit_limit=" + unitLimit + ", unit_price_micro_lamports="
                + Long.toUnsignedString(unitPriceMicroLamports) + ", priority_fee_lamports=" + priorityFeeLamports
                + ", heap_frame_bytes=" + heapFrameBytes + ", loaded_accounts_data_size_limit_bytes="
                + loadedAccountsDataSizeLimitBytes + "]";
    }

    /**
     * {@code ceil(price × units / 1,000,000)} with the price read as a u64, exact: the product can
     * need 85 bits, so the fast path is taken only when it fits in 63.
     */
    static long priorityFee(long priceMicroLamports, long units) throws InstructionDecodeException {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        if (priceMicroLamports >= 0 && Math.multiplyHigh(priceMicroLamports, units) == 0) {
            long product = priceMicroLamports * units;
            if (product >= 0) {
                return product / MICRO_LAMPORTS_PER_LAMPORT + (product % MICRO_LAMPORTS_PER_LAMPORT == 0 ? 0 : 1);
            }
        }
        BigInteger product = new BigInteger(Long.toUnsignedString(priceMicroLamports)).multiply(BigInteger.valueOf(units));
        BigInteger fee = product.add(MICRO_LAMPORTS.subtract(BigInteger.ONE)).divide(MICRO_LAMPORTS);
        if (fee.compareTo(LARGEST_FEE) > 0) {
            throw new InstructionDecodeException("priority fee of " + fee + " lamports (" + Long.toUnsignedString(
                    priceMicroLamports) + " micro-lamports per unit for " + units + " units) is more than any"
                    + " account can hold (" + Long.MAX_VALUE + ")");
        }
        return fee.longValueExact();
    }

    private static ComputeBudgetInstruction decode(int index, byte[] data) throws InstructionDecodeException {
        try {
            return ComputeBudgetInstruction.decode(data);
        } catch (InstructionDecodeException e) {
            throw new InstructionDecodeException("instruction " + index + ": " + e.getMessage());
        }
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    /** The Compute Budget instructions seen so far, each at most once; -1 where not given. */
    private static final class Requested {
        private final int[] firstIndex = {-1, -1, -1, -1, -1};
        long unitLimit = -1;
        long price;
        long heapFrame = -1;
        long loadedAccountsDataSize = -1;

        void add(int index, ComputeBudgetInstruction instruction) throws InstructionDecodeException {
            if (instruction instanceof ComputeBudgetInstruction.SetComputeUnitLimit limit) {
                once(index, ComputeBudgetInstruction.SetComputeUnitLimit.TAG, "set_compute_unit_limit");
                unitLimit = limit.units();
            } else if (instruction instanceof ComputeBudgetInstruction.SetComputeUnitPrice unitPrice) {
                once(index, ComputeBudgetInstruction.SetComputeUnitPrice.TAG, "set_compute_unit_price");
                price = unitPrice.microLamports();
            } else if (instruction instanceof ComputeBudgetInstruction.RequestHeapFrame heap) {
                once(index, ComputeBudgetInstruction.RequestHeapFrame.TAG, "request_heap_frame");
                heapFrame = checkHeapFrame(index, heap.bytes());
            } else {
                var dataSize = (ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit) instruction;
                once(index, ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit.TAG,
                        "set_loaded_accounts_data_size_limit");
                if (dataSize.bytes() == 0) {
                    throw new InstructionDecodeException("instruction " + index
                            + ": set_loaded_accounts_data_size_limit must not be 0");
                }
                loadedAccountsDataSize = dataSize.bytes();
            }
        }

        long heapFrameBytes() {
            return heapFrame >= 0 ? heapFrame : MIN_HEAP_FRAME_BYTES;
        }

        long loadedAccountsDataSizeLimitBytes() {
            return loadedAccountsDataSize >= 0
                    ? Math.min(loadedAccountsDataSize, MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES)
                    : MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES;
        }

        private void once(int index, int tag, String name) throws InstructionDecodeException {
            if (firstIndex[tag] >= 0) {
                throw new InstructionDecodeException("duplicate compute budget instruction: " + name
                        + " (instruction " + index + " repeats instruction " + firstIndex[tag] + ")");
            }
            firstIndex[tag] = index;
        }

        private static long checkHeapFrame(int index, long bytes) throws InstructionDecodeException {
            if (bytes < MIN_HEAP_FRAME_BYTES || bytes > MAX_HEAP_FRAME_BYTES
                    || bytes % HEAP_FRAME_BYTES_GRANULARITY != 0) {
                throw new InstructionDecodeException("instruction " + index + ": request_heap_frame of " + bytes
                        + " bytes must be a multiple of " + HEAP_FRAME_BYTES_GRANULARITY + " from "
                        + MIN_HEAP_FRAME_BYTES + " to " + MAX_HEAP_FRAME_BYTES);
            }
            return bytes;
        }
    }
}
