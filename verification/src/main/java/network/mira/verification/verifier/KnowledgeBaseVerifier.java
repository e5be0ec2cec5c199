package network.mira.verification.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The deterministic verifier: answers TRUE or FALSE for claims listed in a knowledge file (see
 * {@link KnowledgeFile} for the format, {@link KnowledgeNormalizer} for how claims are matched) and
 * UNCERTAIN for every other claim. Used by the devnet and by tests; the built-in {@link #sample()}
 * is the default. Immutable once loaded; {@link #judge} completes before it returns.
 */
public final class KnowledgeBaseVerifier implements Verifier {
    /** Classpath resource of the sample knowledge file. */
    public static final String SAMPLE_RESOURCE = "/verification/sample-knowledge.txt";

    private final String source;
    private final Map<String, Verdict> facts;
    private volatile boolean closed;

    private KnowledgeBaseVerifier(String source, Map<String, Verdict> facts) {
        this.source = source;
        this.facts = Map.copyOf(facts);
    }

    /**
     * @throws KnowledgeFileException naming the line and the reason when the file is malformed, or the
     *                                file itself when it is missing, too large or unreadable
     */
    public static KnowledgeBaseVerifier load(Path file) throws KnowledgeFileException {
        String source = file.toString();
        try {
            if (Files.size(file) > KnowledgeFile.MAX_BYTES) {
                throw new KnowledgeFileException(source, 0, "larger than " + KnowledgeFile.MAX_BYTES + " bytes");
            }
            return parse(source, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new KnowledgeFileException(source, 0, "file not found");
        } catch (KnowledgeFileException e) {
            throw e;
        } catch (IOException e) {
            throw new KnowledgeFileException(source, 0, "cannot be read: " + e);
        }
    }

    /** The built-in sample (about 30 facts, a few of them FALSE); the devnet's default. */
    public static KnowledgeBaseVerifier sample() {
        try (InputStream in = KnowledgeBaseVerifier.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SAMPLE_RESOURCE);
            }
            return parse("classpath:" + SAMPLE_RESOURCE, in.readNBytes(KnowledgeFile.MAX_BYTES + 1));
        } catch (KnowledgeFileException e) {
            throw new IllegalStateException("the built-in sample is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param source names the content in error messages, e.g. a path */
    public static KnowledgeBaseVerifier parse(String source, byte[] utf8) throws KnowledgeFileException {
        return new KnowledgeBaseVerifier(source, KnowledgeFile.parse(source, utf8));
    }

    /** The verdict for one claim, on the calling thread. */
    public Judgement lookup(String claim) {
        Objects.requireNonNull(claim, "claim");
        if (closed) {
            return Judgement.abstain(AbstainReason.CLOSED, "verifier closed");
        }
        return Judgement.of(facts.getOrDefault(KnowledgeNormalizer.normalize(claim), Verdict.UNCERTAIN));
    }

    @Override
    public CompletableFuture<Judgement> judge(String claim) {
        return CompletableFuture.completedFuture(lookup(claim));
    }

    /** Distinct facts after normalization. */
    public int size() {
        return facts.size();
    }

    /** Where the facts came from: the file's path or {@code classpath:...}. */
    public String source() {
        return source;
    }

    @Override
    public String name() {
        return "knowledge-base";
    }

    @Override
    public void close() {
        closed = true;
    }
}
