package spotcheck.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The yardstick of the cold-start benchmark: the least a handler of this API needs (a DynamoDB
 * client over the same HTTP client, a Jackson mapper) answering a payload-2.0 GET /items with one
 * query of the byKind index, and nothing else: no routing, permissions, audit, S3 or priming.
 */
public final class MinimalHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String table = System.getenv("DATA_TABLE");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        QueryResponse response = dynamo.query(q -> q.tableName(table).indexName("byKind")
                .keyConditionExpression("entityKind = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("ITEM"))).limit(50));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            Map<String, Object> out = new LinkedHashMap<>();
            item.forEach((name, value) -> out.put(name, value.s() != null ? value.s()
                    : value.n() != null ? value.n() : value.hasL() ? value.l().size() : null));
            items.add(out);
        }
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(json.writeValueAsString(Map.of("items", items))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
