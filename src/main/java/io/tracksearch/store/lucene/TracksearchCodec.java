package io.tracksearch.store.lucene;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;

/**
 * Lucene's codec with stored fields kept uncompressed, each document in a small block of its own.
 *
 * <p>Why: a search page or a scroll page reads each of its issues' stored JSON at a random place in the
 * index (sort order is not index order). The default stored-fields format compresses 80 KB blocks with
 * a preset dictionary, so reading one 2 KB issue decompresses the dictionary and an 8 KB sub-block,
 * byte by byte from the mapped file: a third of a scroll's CPU went there. Uncompressed, a read is a
 * bulk copy of the issue's own bytes. The cost is disk: the stored JSON takes its full size (see
 * docs/benchmarks.md for the measured index size).
 *
 * <p>Everything else is Lucene 10.4's codec. The delegate is named explicitly, not {@code Codec.getDefault()}:
 * segments written with this codec name must be read back with the formats they were written with, even
 * after a Lucene upgrade changes the default. Segments of older indexes keep the codec they name and
 * stay readable; merges rewrite them with this one. Registered for reading in
 * {@code META-INF/services/org.apache.lucene.codecs.Codec}.
 */
public final class TracksearchCodec extends FilterCodec {
    /** Codec name written into every segment; never reuse it for another layout. */
    public static final String NAME = "Tracksearch104Raw";

    /** One document per block. */
    private static final int MAX_DOCS_PER_BLOCK = 1;
    /**
     * Block bytes: a document of twice this size or more is written and read in slices of it (Lucene
     * slices big blocks), so it must not be small; issues are a few KB.
     */
    private static final int BLOCK_BYTES = 64 * 1024;
    /** Blocks per entry of the index from doc id to file pointer (Lucene's default shift). */
    private static final int BLOCK_SHIFT = 10;

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "TracksearchStoredFieldsRaw", new Raw(), BLOCK_BYTES, MAX_DOCS_PER_BLOCK, BLOCK_SHIFT);

    public TracksearchCodec() {
        super(NAME, new Lucene104Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }

    /** A "compression" that copies: a block is its documents' bytes as they are. */
    private static final class Raw extends CompressionMode {
        @Override
        public Compressor newCompressor() {
            return new Compressor() {
                @Override
                public void compress(ByteBuffersDataInput buffersInput, DataOutput out) throws IOException {
                    out.copyBytes(buffersInput, buffersInput.length());
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Decompressor newDecompressor() {
            return new Decompressor() {
                @Override
                public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes) throws IOException {
                    bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, length);
                    in.skipBytes(offset);
                    in.readBytes(bytes.bytes, 0, length);
                    bytes.offset = 0;
                    bytes.length = length;
                }

                @Override
                public Decompressor clone() {
                    return this;
                }
            };
        }

        @Override
        public String toString() {
            return "Raw";
        }
    }
}
