package network.mira.svm;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import network.mira.core.crypto.PublicKey;

/** The native programs this node runs, by program id. Fixed at start-up. */
public final class ProgramRegistry {
    private final TreeMap<PublicKey, NativeProgram> programs = new TreeMap<>();

    public ProgramRegistry(Collection<NativeProgram> programs) {
        for (NativeProgram program : programs) {
            if (this.programs.put(program.id(), program) != null) {
                throw new IllegalArgumentException("program " + program.id() + " registered twice");
            }
        }
    }

    public Optional<NativeProgram> get(PublicKey programId) {
        return Optional.ofNullable(programs.get(programId));
    }

    public boolean contains(PublicKey programId) {
        return programs.containsKey(programId);
    }

    /** The registered program ids, in order. */
    public SortedSet<PublicKey> ids() {
        return Collections.unmodifiableSortedSet(programs.navigableKeySet());
    }
}
