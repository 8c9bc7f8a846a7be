package org.prcybr.notionsync.notion;

import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.ConnectException;
import org.prcybr.notionsync.notion.NotionModels.ErrorBody;
import org.prcybr.notionsync.retry.Retrier;
import org.prcybr.notionsync.retry.RetryRule;
import org.prcybr.notionsync.retry.Verdict;

/**
 * Notion's retry rules. 429/529 wait for Retry-After; 409, 5xx, resets and read timeouts back off
 * exponentially with jitter. Other 4xx are the user's to fix and are not retried. A write that is
 * not {@code repeatable} (a create, an append) is never re-sent once it may have reached Notion:
 * {@link OutcomeUnknownException} tells the caller to look first.
 */
record NotionRetryRule(String label, boolean repeatable) implements RetryRule {

    @Override
    public Verdict judge(RuntimeException failure, int attempt) {
        if (failure instanceof HttpClientResponseException e) {
            // code(), not getStatus(): Notion's 529 is not in Micronaut's HttpStatus enum.
            int status = e.getResponse().code();
            ErrorBody body = e.getResponse().getBody(ErrorBody.class).orElse(null);
            String code = body != null && body.code() != null ? body.code() : e.getResponse().reason();
            String message = body != null && body.message() != null ? body.message() : "";
            String problem = status + " " + code;
            if (status == 429 || status == 529) {
                // At least Retry-After; repeated 429s back off further.
                long wait = Math.max(Retrier.retryAfterMs(e.getResponse()).orElse(0L), Retrier.backoffMs(attempt));
                return new Verdict.Retry(wait + Retrier.jitterMs(), problem);
            }
            if (status == 409 || (status >= 500 && repeatable)) {
                return new Verdict.Retry(Retrier.backoffMs(attempt), problem);
            }
            if (status >= 500) {
                return new Verdict.Fail(new OutcomeUnknownException("Notion " + label + " answered " + problem));
            }
            return new Verdict.Fail(new NotionApiException(status, code, message, label));
        }
        if (failure instanceof HttpClientException e) {
            boolean neverSent = Retrier.causedBy(e, ConnectException.class);
            String problem = Retrier.connectionProblem(e);
            if (!neverSent && !repeatable) {
                return new Verdict.Fail(new OutcomeUnknownException("Notion " + label + ": " + problem));
            }
            return new Verdict.Retry(Retrier.backoffMs(attempt), problem);
        }
        return new Verdict.Fail(failure);
    }
}
