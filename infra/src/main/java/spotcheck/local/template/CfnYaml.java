package spotcheck.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML (and JSON, a subset of YAML). The short-form tags
 * ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) become their long forms
 * ({@code {Ref: X}}, {@code {Fn::GetAtt: [A, B]}}, ...), so the rest of the stack
 * sees one shape whichever form the template author used.
 */
public final class CfnYaml {
    private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Contains", "EachMemberEquals",
            "EachMemberIn", "Equals", "FindInMap",
            "GetAtt", "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub",
            "ToJsonString", "Transform", "ValueOf", "ValueOfAll", "RefAll");

    private CfnYaml() { }

    static Object load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml().load(in);
        }
    }

    static Object load(String text) {
        return yaml().load(text);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        // OpenAPI documents of a growing API pass the 3 MB default sooner than one thinks.
        options.setCodePointLimit(32 * 1024 * 1024);
        return new Yaml(new Constructor(options));
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            // CloudFormation keeps 2024-01-01 a string; SnakeYAML would make it a java.util.Date.
            yamlConstructors.put(Tag.TIMESTAMP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return constructScalar((ScalarNode) node);
                }
            });
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                // !GetAtt Resource.Attribute is the short form of [Resource, Attribute].
                if (name.equals("Fn::GetAtt") && value instanceof String s && s.contains(".")) {
                    int dot = s.indexOf('.');
                    value = List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                return Map.of(name, value);
            }
        }
    }
}
