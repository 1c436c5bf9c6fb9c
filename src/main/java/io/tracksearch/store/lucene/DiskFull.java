package io.tracksearch.store.lucene;

import java.nio.file.FileSystemException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recognizes a full filesystem in an exception from Lucene. The JDK reports ENOSPC as an IOException
 * whose message (or a FileSystemException's reason) is the OS text "No space left on device"; Lucene may
 * wrap it, or add it as suppressed to the exception it throws, so the whole tree is searched.
 */
final class DiskFull {
    static final String OS_MESSAGE = "No space left on device";

    private DiskFull() {
    }

    static boolean causedBy(Throwable failure) {
        return search(failure, new IdentityHashMap<>());
    }

    private static boolean search(Throwable failure, Map<Throwable, Boolean> seen) {
        if (failure == null || seen.put(failure, Boolean.TRUE) != null) {
            return false;
        }
        if (String.valueOf(failure.getMessage()).contains(OS_MESSAGE)
                || failure instanceof FileSystemException fileSystem && String.valueOf(fileSystem.getReason()).contains(OS_MESSAGE)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (search(suppressed, seen)) {
                return true;
            }
        }
        return search(failure.getCause(), seen);
    }
}
