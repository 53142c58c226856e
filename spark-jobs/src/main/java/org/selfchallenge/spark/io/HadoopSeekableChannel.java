package org.selfchallenge.spark.io;

import org.apache.hadoop.fs.FSDataInputStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over a Hadoop stream: an Arrow IPC <em>file</em> is read
 * footer-first, so the reader must seek; this makes any Hadoop FileSystem (file:, hdfs:, s3a:) work.
 */
final class HadoopSeekableChannel implements SeekableByteChannel {
    private static final int CHUNK = 1 << 16;
    private final FSDataInputStream in;
    private final long size;
    private final byte[] chunk = new byte[CHUNK];
    private boolean open = true;

    HadoopSeekableChannel(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        int n = in.read(chunk, 0, Math.min(CHUNK, dst.remaining()));
        if (n > 0) {
            dst.put(chunk, 0, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return in.getPos();
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
        in.seek(p);
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long s) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
