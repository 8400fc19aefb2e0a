package spotcheck.tasks;

import java.util.List;

/**
 * What the inspectors found on a task's visit (检查结果), entered by them ({@code PUT /tasks/{taskId}/result}),
 * reviewed, then published under the target's name (or exempt, with the reason kept). Per item of the task a
 * result category by its code ({@link ItemResult}); the method used; the date of the inspection, which is the
 * task's completion date; the findings; whether it is to be public and, when not, why.
 *
 * <p>The workflow's marks: who entered it and when; who reviewed or returned it, when, and the comment sent back
 * with a return; when it was published and in which publication batch ({@code PUB-…}) it was exported.
 *
 * <p>{@code exemptReason} is the code of why a result is not to be public ({@link ResultRules#EXEMPT_REASONS}:
 * {@code awaiting_testing}, {@code awaiting_expert_opinion}, {@code not_public_by_law}), null when it is;
 * {@code exemptNote} the enterer's words on it (optional). {@code attachments} are the ids of the task's
 * attachments the result cites as its evidence, each confirmed uploaded when the result was entered.
 */
public record TaskResult(
        String inspectionDate,
        String method,
        List<ItemResult> items,
        String findings,
        boolean publish,
        String exemptReason,
        String enteredBy,
        String enteredAt,
        String reviewedBy,
        String reviewedAt,
        String reviewComment,
        String publishedAt,
        String publicationBatch,
        String exemptNote,
        List<String> attachments) {

    public TaskResult {
        items = items == null ? List.of() : List.copyOf(items);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A result without an exemption note or cited attachments (the shape before both were added). */
    public TaskResult(String inspectionDate, String method, List<ItemResult> items, String findings, boolean publish,
                      String exemptReason, String enteredBy, String enteredAt, String reviewedBy, String reviewedAt,
                      String reviewComment, String publishedAt, String publicationBatch) {
        this(inspectionDate, method, items, findings, publish, exemptReason, enteredBy, enteredAt, reviewedBy,
                reviewedAt, reviewComment, publishedAt, publicationBatch, null, List.of());
    }

    /** The same result with a reviewer's decision: who, when, and the comment (a return's reason). */
    public TaskResult reviewed(String by, String at, String comment) {
        return new TaskResult(inspectionDate, method, items, findings, publish, exemptReason, enteredBy, enteredAt,
                by, at, comment, publishedAt, publicationBatch, exemptNote, attachments);
    }

    /**
     * The same result, everything else kept (its cited attachments and exemption note too), with when it was
     * published and the batch that exported it (null: none yet).
     */
    public TaskResult withPublication(String at, String batchId) {
        return new TaskResult(inspectionDate, method, items, findings, publish, exemptReason, enteredBy, enteredAt,
                reviewedBy, reviewedAt, reviewComment, at, batchId, exemptNote, attachments);
    }

    /** One item's result: the item, and the code of its result category (e.g. {@code NO_PROBLEM}: 未发现问题). */
    public record ItemResult(String itemId, String result) {
    }

    /**
     * Evidence uploaded for a task (a photo, a document), through a presigned PUT under the bucket's
     * {@code attachments/} prefix: listed with its name, type and size.
     */
    public record Attachment(String attachmentId, String fileName, String contentType, long size, String key,
                             String uploadedAt) {
        /** The same attachment, confirmed uploaded at {@code at}. */
        public Attachment confirmed(String at) {
            return new Attachment(attachmentId, fileName, contentType, size, key, at);
        }
    }
}
