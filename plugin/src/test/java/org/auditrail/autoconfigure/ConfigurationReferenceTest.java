package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The configuration reference, {@code docs/configuration.md}, names every {@code audit.*} property the plugin binds
 * and no other, so it cannot drift from the code. What is bound is read from Spring Boot's configuration metadata,
 * which the configuration processor generates from the {@code @ConfigurationProperties} classes at compile time:
 * it applies Spring Boot's own naming and nesting rules, which a hand-written walk would only imitate.
 */
class ConfigurationReferenceTest {

  private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

  /** A row of the reference's table: the property in backticks, then type, default and meaning. */
  private static final Pattern ROW = Pattern.compile("^\\| `(audit\\.[^`]+)` \\|(.*)\\|$", Pattern.MULTILINE);

  /** A map of a key to a value type, as the metadata writes it. */
  private static final Pattern MAP_TYPE = Pattern.compile("^java\\.util\\.Map<java\\.lang\\.String,(.+)>$");

  /** What the reference writes for a key of the user's choosing ({@code <name>}), and the form compared here. */
  private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
  private static final String ANY_KEY = "*";

  @Test
  void theReferenceDocumentsExactlyTheBoundProperties() throws IOException {
    assertThat(problems(boundProperties(), Files.readString(REFERENCE))).isEmpty();
  }

  @Test
  void aBoundPropertyLeftOutOfTheReferenceIsNamed() throws IOException {
    String reference = Files.readString(REFERENCE).replaceAll("(?m)^\\| `audit\\.log\\.batch-size` .*\\R", "");

    assertThat(problems(boundProperties(), reference))
        .containsExactly("audit.log.batch-size is bound but not documented in docs/configuration.md");
  }

  @Test
  void aDocumentedPropertyThatIsNotBoundIsNamed() throws IOException {
    String reference = Files.readString(REFERENCE)
        + "| `audit.log.seal-on-shutdown` | boolean | `true` | Removed long ago. |\n";

    assertThat(problems(boundProperties(), reference))
        .containsExactly("audit.log.seal-on-shutdown is documented in docs/configuration.md but not bound");
  }

  @Test
  void theSettingsOfEachModelAndEachRetentionAreBoundUnderAKeyOfTheUsersChoosing() throws IOException {
    assertThat(boundProperties())
        .contains("audit.ai.models.*.provider", "audit.ai.models.*.price.currency", "audit.privacy.retention.*")
        .doesNotContain("audit.ai.models", "audit.privacy.retention");
  }

  @Test
  void everyDocumentedPropertyHasATypeADefaultAndAMeaning() throws IOException {
    Matcher row = ROW.matcher(Files.readString(REFERENCE));
    int rows = 0;
    while (row.find()) {
      rows++;
      String[] cells = row.group(2).split("\\|", -1);
      assertThat(cells).as(row.group(1)).hasSize(3).allSatisfy(cell -> assertThat(cell).isNotBlank());
    }
    assertThat(rows).isEqualTo(boundProperties().size());
  }

  @Test
  void theMetadataCoversEveryConfigurationPropertiesClassOfThePlugin() throws IOException {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    Set<String> annotated = new TreeSet<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.auditrail")) {
      annotated.add(candidate.getBeanClassName());
    }
    Set<String> groups = new TreeSet<>();
    for (JsonNode group : metadata("groups")) {
      groups.add(group.path("type").asText());
    }

    assertThat(annotated).contains(AuditProperties.class.getName(), SchemaProperties.class.getName());
    assertThat(groups).as("groups of META-INF/spring-configuration-metadata.json").containsAll(annotated);
  }

  /** What is wrong with the reference, one sentence per property, in name order. */
  private static List<String> problems(Set<String> bound, String reference) {
    Set<String> documented = new TreeSet<>();
    Matcher row = ROW.matcher(reference);
    while (row.find()) {
      documented.add(PLACEHOLDER.matcher(row.group(1)).replaceAll(ANY_KEY));
    }
    List<String> problems = new ArrayList<>();
    for (String name : bound) {
      if (!documented.contains(name)) {
        problems.add(name + " is bound but not documented in docs/configuration.md");
      }
    }
    for (String name : documented) {
      if (!bound.contains(name)) {
        problems.add(name + " is documented in docs/configuration.md but not bound");
      }
    }
    return problems;
  }

  /**
   * Every {@code audit.*} property name in the metadata. The metadata stops at a map: a map of plain values becomes
   * {@code name.*}, and a map of the plugin's own classes (the model inventory) is walked into, so that a new
   * setting of a model must be documented too.
   */
  private static Set<String> boundProperties() throws IOException {
    Set<String> names = new TreeSet<>();
    for (JsonNode property : metadata("properties")) {
      String name = property.path("name").asText();
      Matcher map = MAP_TYPE.matcher(property.path("type").asText());
      if (!map.matches()) {
        names.add(name);
      } else if (map.group(1).startsWith("org.auditrail.")) {
        addBeanProperties(name + "." + ANY_KEY, loadClass(map.group(1)), names);
      } else {
        names.add(name + "." + ANY_KEY);
      }
    }
    return Collections.unmodifiableSet(names);
  }

  private static void addBeanProperties(String prefix, Class<?> type, Set<String> names) {
    for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
      Class<?> propertyType = property.getPropertyType();
      if (property.getReadMethod() == null || "class".equals(property.getName())) {
        continue;
      }
      String name = prefix + "." + DataObjectPropertyName.toDashedForm(property.getName());
      if (propertyType.getName().startsWith("org.auditrail.") && !propertyType.isEnum()) {
        addBeanProperties(name, propertyType, names);
      } else if (property.getWriteMethod() != null) {
        names.add(name);
      }
    }
  }

  /** The {@code audit.*} entries of one section of every configuration metadata file on the class path. */
  private static List<JsonNode> metadata(String section) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> entries = new ArrayList<>();
    for (URL file : Collections.list(ConfigurationReferenceTest.class.getClassLoader()
        .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = file.openStream()) {
        for (JsonNode entry : json.readTree(in).path(section)) {
          String name = entry.path("name").asText();
          if (name.equals("audit") || name.startsWith("audit.")) {
            entries.add(entry);
          }
        }
      }
    }
    assertThat(entries).as("audit.* %s in META-INF/spring-configuration-metadata.json", section).isNotEmpty();
    return entries;
  }

  private static Class<?> loadClass(String name) {
    try {
      return Class.forName(name, false, ConfigurationReferenceTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the metadata names a type that is not on the class path: " + name, e);
    }
  }
}
