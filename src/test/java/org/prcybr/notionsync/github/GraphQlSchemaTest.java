package org.prcybr.notionsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.HashSet;
import java.util.Set;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every GraphQL document the action sends is valid against GitHub's public schema. */
class GraphQlSchemaTest {
    private static GraphQLSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        String sdl = Files.readString(Path.of("src/test/resources/github/schema.graphql"));
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
        withoutRepeatedFields(types);
        schema = new SchemaGenerator().makeExecutableSchema(types, RuntimeWiring.MOCKED_WIRING);
    }

    /**
     * The published schema declares two fields of EnterpriseOwnerInfo twice, which graphql-java
     * refuses; the first of each is kept, which changes nothing the action queries.
     */
    private static void withoutRepeatedFields(TypeDefinitionRegistry types) {
        for (ObjectTypeDefinition type : types.getTypes(ObjectTypeDefinition.class)) {
            Set<String> seen = new HashSet<>();
            List<FieldDefinition> unique = type.getFieldDefinitions().stream().filter(f -> seen.add(f.getName())).toList();
            if (unique.size() != type.getFieldDefinitions().size()) {
                types.remove(type);
                types.add(type.transform(b -> b.fieldDefinitions(unique)));
            }
        }
    }

    private static List<ValidationError> validate(String document) {
        Document doc = Parser.parse(document);
        return new Validator().validateDocument(schema, doc, Locale.ROOT);
    }

    @Test
    void everyDocumentTheActionSendsIsValid() {
        assertFalse(GraphQlDocuments.all().isEmpty());
        for (String document : GraphQlDocuments.all()) {
            assertEquals(List.of(), validate(document), document);
        }
    }

    @Test
    void aMisspeltFieldIsCaught() {
        String broken = GraphQlDocuments.PROJECT_ITEM.replace("stateReason", "stateReasonn");
        assertFalse(validate(broken).isEmpty());
    }
}
