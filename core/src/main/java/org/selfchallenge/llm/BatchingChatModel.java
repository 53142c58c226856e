package org.selfchallenge.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the requests of many concurrent episodes (each asking for one completion at a time) into
 * batches for a backend that decodes a batch at once (the TF policy): a dispatcher thread takes the
 * first waiting request, waits up to {@code maxWaitMs} for more, up to {@code maxBatch}, and sends them
 * to the delegate as one call. Each caller gets its own completion, or the delegate's exception.
 * Results do not depend on how requests were batched as long as the delegate samples each request
 * from its own seed.
 */
public final class BatchingChatModel implements ChatModel {
    public static final int DEFAULT_MAX_BATCH = 16;
    public static final long DEFAULT_MAX_WAIT_MS = 20;

    private record Pending(ChatRequest request, CompletableFuture<Completion> result) {
    }

    private final ChatModel delegate;
    private final int maxBatch;
    private final long maxWaitMs;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    private volatile boolean closed;

    private final boolean closeDelegate;

    public BatchingChatModel(ChatModel delegate, int maxBatch, long maxWaitMs) {
        this(delegate, maxBatch, maxWaitMs, false);
    }

    /** {@code closeDelegate}: {@link #close()} also closes the delegate (when this wrapper owns it). */
    public BatchingChatModel(ChatModel delegate, int maxBatch, long maxWaitMs, boolean closeDelegate) {
        this.closeDelegate = closeDelegate;
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be >= 1");
        this.delegate = delegate;
        this.maxBatch = maxBatch;
        this.maxWaitMs = maxWaitMs;
        this.dispatcher = new Thread(this::loop, "chat-batcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public List<Completion> complete(List<ChatRequest> batch) {
        if (closed) throw new ChatModelException("batching model " + id() + " is closed");
        List<CompletableFuture<Completion>> fs = new ArrayList<>(batch.size());
        for (ChatRequest r : batch) {
            CompletableFuture<Completion> f = new CompletableFuture<>();
            queue.add(new Pending(r, f));
            fs.add(f);
        }
        List<Completion> out = new ArrayList<>(fs.size());
        for (CompletableFuture<Completion> f : fs) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatModelException("interrupted while waiting for " + id());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new ChatModelException(id() + " failed: " + e.getCause(), -1, e.getCause());
            }
        }
        return out;
    }

    private void loop() {
        while (!closed) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending p = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (p == null) break;
                    batch.add(p);
                }
            } catch (InterruptedException e) {
                batch.forEach(p -> p.result().completeExceptionally(new ChatModelException("batcher stopped")));
                return;
            }
            try {
                List<Completion> out = delegate.complete(batch.stream().map(Pending::request).toList());
                if (out.size() != batch.size()) {
                    throw new ChatModelException(id() + " returned " + out.size() + " completions for " + batch.size()
                            + " requests");
                }
                for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(out.get(i));
            } catch (RuntimeException e) {
                batch.forEach(p -> p.result().completeExceptionally(e));
            }
        }
    }

    /** Stops the dispatcher; pending requests fail; closes the delegate if this wrapper owns it. */
    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        Pending p;
        while ((p = queue.poll()) != null) p.result().completeExceptionally(new ChatModelException("batcher closed"));
        if (closeDelegate) delegate.close();
    }
}
