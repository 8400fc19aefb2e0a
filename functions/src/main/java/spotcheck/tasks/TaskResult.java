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
        String publicationBatch) {

    public TaskResult {
        items = items == null ? List.of() : List.copyOf(items);
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
    }
}
