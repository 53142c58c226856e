package org.selfchallenge.llm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

class BatchingChatModelTest {

    /** A backend that blocks its first call until released and records every batch size. */
    static final class GatedBackend implements ChatModel {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String id() {
            return "gated";
        }

        @Override
        public List<Completion> complete(List<ChatRequest> batch) {
            batchSizes.add(batch.size());
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (batch.stream().anyMatch(r -> r.messages().get(0).content().equals("boom"))) {
                throw new ChatModelException("backend failed");
            }
            return batch.stream().map(r -> Completion.textOnly("re:" + r.messages().get(0).content())).toList();
        }
    }

    private static ChatRequest req(String s) {
        return new ChatRequest(List.of(Message.user(s)), SamplingParams.greedy(4));
    }

    @Test
    void requestsWaitingWhileTheBackendIsBusyGoOutAsOneBatch() throws Exception {
        GatedBackend backend = new GatedBackend();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (BatchingChatModel m = new BatchingChatModel(backend, 16, 1)) {
            Future<Completion> first = callers.submit(() -> m.complete(req("q0")));
            backend.entered.await();
            List<Future<Completion>> rest = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                String q = "q" + i;
                rest.add(callers.submit(() -> m.complete(req(q))));
            }
            Thread.sleep(300); // let all seven queue up behind the busy backend
            backend.release.countDown();
            assertEquals("re:q0", first.get().text());
            for (int i = 1; i <= 7; i++) assertEquals("re:q" + i, rest.get(i - 1).get().text());
            assertEquals(List.of(1, 7), backend.batchSizes);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void backendErrorsReachEveryCallerOfTheBatch() {
        GatedBackend backend = new GatedBackend();
        backend.release.countDown();
        try (BatchingChatModel m = new BatchingChatModel(backend, 4, 0)) {
            ChatModelException e = assertThrows(ChatModelException.class, () -> m.complete(req("boom")));
            assertEquals("backend failed", e.getMessage());
            assertEquals("re:ok", m.complete(req("ok")).text());
        }
    }
}
