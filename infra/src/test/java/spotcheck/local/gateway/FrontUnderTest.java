package spotcheck.local.gateway;

import spotcheck.local.TestHandlers;
import spotcheck.local.lambda.FunctionHost;
import spotcheck.local.template.TemplateModel;
import spotcheck.local.template.TemplateModelTest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The front alone on a free port, serving the test template's API with {@link TestHandlers}. */
final class FrontUnderTest implements AutoCloseable {
    final ApiGatewayFront front;
    final JwtIssuer issuer;
    private final Map<String, FunctionHost> hosts = new LinkedHashMap<>();

    /** @param parameters template parameter values, as {@code sam deploy --parameter-overrides} */
    FrontUnderTest(Path dir, Map<String, String> parameters) throws Exception {
        TemplateModel model = TemplateModel.load(TemplateModelTest.testTemplate(), TemplateModel.DEFAULT_PREFIX,
                parameters);
        front = ApiGatewayFront.bind(0);
        issuer = JwtIssuer.open(dir, front.url() + "/local");
        model.functions().forEach(f -> hosts.put(f.logicalId(), new FunctionHost(f,
                FrontUnderTest.class.getClassLoader())));
        front.serve(model.httpApis(), hosts, issuer);
        front.start();
    }

    String url() {
        return front.url().toString();
    }

    String token(String org, String... roles) {
        return issuer.token("u1", "张三", org, List.of(roles), JwtIssuer.DEFAULT_TTL);
    }

    @Override
    public void close() {
        front.close();
        hosts.values().forEach(FunctionHost::close);
    }
}
