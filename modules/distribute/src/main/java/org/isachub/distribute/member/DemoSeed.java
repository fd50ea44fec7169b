package org.isachub.distribute.member;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo members of {@code deploy/local/demo-members.json}, idempotently, and keeps their
 * tokens in an owner-only credentials file ({@code {"member id": "token", ...}}).
 *
 * <p>A demo member that exists and whose token in the credentials file still matches one of its
 * live hashes is left as it is. A missing member is added; an existing one without a working token
 * in the file gets a fresh token (its old tokens are revoked). A missing demo subscription is
 * added; an existing one is left as it is. The file is rewritten, with mode 0600, only when a token
 * changed.
 *
 * <p>Not thread-safe; seed from one thread.
 */
public final class DemoSeed {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Actor ACTOR = new Actor("demo-seed", "cli");

  private final MemberDirectory directory;
  private final MemberAdmin admin;
  private final Clock clock;

  /**
   * One demo member and its subscription.
   *
   * @param member the member
   * @param subscription its subscription, or null for none
   */
  public record DemoMember(MemberSpec member, @Nullable SubscriptionSpec subscription) {}

  /**
   * What seeding did.
   *
   * @param credentials every demo member's token, in the order of the demo file
   * @param issued members that got a new token this time
   * @param kept members whose token from the credentials file still works
   * @param file the credentials file
   */
  public record Result(
      Map<String, String> credentials, List<String> issued, List<String> kept, Path file) {
    /** Copies the collections. */
    public Result {
      credentials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
      issued = List.copyOf(issued);
      kept = List.copyOf(kept);
    }

    @Override
    public String toString() {
      return "Result[issued=" + issued + ", kept=" + kept + ", file=" + file + "]";
    }
  }

  /**
   * Creates a seeder.
   *
   * @param directory the member directory (started)
   * @param admin the writer
   * @param clock the time source
   */
  public DemoSeed(MemberDirectory directory, MemberAdmin admin, Clock clock) {
    this.directory = directory;
    this.admin = admin;
    this.clock = clock;
  }

  /**
   * Reads a demo members file: {@code {"members": [{member fields..., "subscription": {...}}]}}.
   *
   * @param in the JSON document
   * @return the demo members, validated
   * @throws IOException if it cannot be read
   * @throws MemberAdminException if a member or subscription is invalid
   */
  public static List<DemoMember> read(InputStream in) throws IOException {
    JsonNode root = JSON.readTree(in);
    JsonNode list = root == null ? null : root.get("members");
    if (list == null || !list.isArray()) {
      throw Validation.invalid("the demo file needs a \"members\" array");
    }
    List<DemoMember> out = new ArrayList<>();
    for (JsonNode entry : list) {
      if (!entry.isObject()) {
        throw Validation.invalid("every entry of \"members\" must be an object");
      }
      ObjectNode memberNode = ((ObjectNode) entry).deepCopy();
      JsonNode sub = memberNode.remove("subscription");
      MemberSpec member = Validation.member(MemberJson.memberSpec(memberNode));
      SubscriptionSpec subscription =
          sub == null || sub.isNull()
              ? null
              : Validation.subscription(
                  MemberJson.subscriptionSpec(sub, member.id() + "-all", member.id()));
      if (subscription != null && !subscription.member().equals(member.id())) {
        throw Validation.invalid(
            "the subscription of demo member '" + member.id() + "' names another member");
      }
      out.add(new DemoMember(member, subscription));
    }
    return out;
  }

  /**
   * Seeds the demo members.
   *
   * @param members the demo members
   * @param credentialsFile where their tokens are kept
   * @param timeout how long to wait for the directory to catch up
   * @return what was done, with every member's token
   * @throws IOException if the credentials file cannot be written
   * @throws InterruptedException if interrupted while waiting for the directory
   * @throws MemberAdminException if a write fails
   */
  public Result seed(List<DemoMember> members, Path credentialsFile, Duration timeout)
      throws IOException, InterruptedException {
    if (!directory.awaitReady(timeout)) {
      throw new MemberAdminException(
          MemberAdminException.Reason.UNAVAILABLE,
          "the member directory did not catch up with Kafka in " + timeout.toSeconds() + " s");
    }
    Map<String, String> saved = readCredentials(credentialsFile);
    Map<String, String> credentials = new LinkedHashMap<>();
    List<String> issued = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    Instant now = clock.instant();
    for (DemoMember demo : members) {
      String id = demo.member().id();
      String token = saved.get(id);
      boolean exists = directory.member(id).isPresent();
      if (exists && token != null && live(id, token, now)) {
        kept.add(id);
      } else if (exists) {
        token = admin.rotateToken(id, null, ACTOR).token();
        issued.add(id);
      } else {
        token = admin.addMember(demo.member(), ACTOR).token();
        issued.add(id);
      }
      credentials.put(id, token);
      SubscriptionSpec sub = demo.subscription();
      if (sub != null && directory.subscription(sub.id()).isEmpty()) {
        admin.addSubscription(sub, ACTOR);
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(saved);
    merged.putAll(credentials);
    if (!merged.equals(saved) || !Files.exists(credentialsFile)) {
      writeCredentials(credentialsFile, merged);
    } else {
      restrict(credentialsFile);
    }
    LOG.info("event=demo-seeded issued={} kept={}", issued, kept);
    return new Result(credentials, issued, kept, credentialsFile);
  }

  private boolean live(String id, String token, Instant now) {
    AuthResult result = directory.authenticate(id, token, now);
    // A disabled member is the administrator's decision: its token still matches, leave it.
    return result.ok() || result.failure() == AuthResult.Failure.DISABLED;
  }

  /**
   * Reads a credentials file.
   *
   * @param file the file
   * @return tokens by member id; empty if the file is missing or not a JSON object of strings
   * @throws IOException if it exists but cannot be read
   */
  public static Map<String, String> readCredentials(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      LOG.warn("event=demo-credentials-unreadable file={} reason=not-json", file);
      return out;
    }
    if (root == null || !root.isObject()) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (e.getValue().isTextual()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  /**
   * Writes a credentials file readable only by its owner (mode 0600 where the file system has POSIX
   * permissions), replacing it atomically.
   *
   * @param file the file
   * @param credentials tokens by member id
   * @throws IOException if it cannot be written
   */
  public static void writeCredentials(Path file, Map<String, String> credentials)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    ObjectNode root = JSON.createObjectNode();
    credentials.forEach(root::put);
    byte[] bytes =
        (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    // Created owner-only from the start, so the tokens are never readable by others, not even
    // for a moment.
    Path tmp =
        posix
            ? Files.createTempFile(
                dir, ".demo-credentials", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, ".demo-credentials", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    restrict(file);
  }

  private static void restrict(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }
}
