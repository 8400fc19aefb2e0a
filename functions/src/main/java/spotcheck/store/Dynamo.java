package spotcheck.store;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client, built once per container. Region, credentials and endpoint come from the default chains. */
public final class Dynamo {
    private Dynamo() { }

    public static DynamoDbClient client() {
        // AWS_ENDPOINT_URL / aws.endpointUrl is honoured by the SDK itself, so the same
        // code talks to AWS, LocalStack or the local emulator.
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
