package org.isachub.enrich.warninglist;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.isachub.enrich.model.ObservableKey;

/**
 * A set of warninglists indexed for fast matching of canonical observable keys.
 *
 * <p>Each kind has its own index: CIDR networks in prefix tries, exact and suffix domains in hash
 * maps (a lookup walks up the labels of the key), URL prefixes grouped by origin, hashes in a hash
 * map. When several lists match, the first in load order wins. Immutable and thread-safe once
 * built.
 */
public final class Warninglists {

  /** Where the bundled default lists live on the class path. */
  public static final String DEFAULT_RESOURCE_FOLDER = "/org/isachub/enrich/warninglists/";

  /** The bundled default lists, in match priority order. */
  public static final List<String> DEFAULT_RESOURCES =
      List.of(
          "iana-ipv4-special-purpose.txt",
          "iana-ipv6-special-purpose.txt",
          "public-dns-resolvers.txt",
          "special-use-domains.txt",
          "documentation-urls.txt",
          "top-platform-domains.txt",
          "empty-file-hashes.txt");

  private final List<Warninglist> lists;
  private final CidrIndex cidrs = new CidrIndex();
  private final Map<String, Integer> exactDomains = new HashMap<>();
  private final Map<String, Integer> domainSuffixes = new HashMap<>();
  private final UrlPrefixIndex urlPrefixes = new UrlPrefixIndex();
  private final Map<String, Integer> hashes = new HashMap<>();

  private Warninglists(List<Warninglist> lists) {
    this.lists = List.copyOf(lists);
    Set<String> names = new HashSet<>();
    for (int ordinal = 0; ordinal < this.lists.size(); ordinal++) {
      Warninglist list = this.lists.get(ordinal);
      if (!names.add(list.name())) {
        throw new IllegalArgumentException(
            "two warninglists are named '"
                + list.name()
                + "' (the second from "
                + list.origin()
                + ")");
      }
      for (String entry : list.entries()) {
        add(list, entry, ordinal);
      }
    }
  }

  private void add(Warninglist list, String entry, int ordinal) {
    // Entries are re-canonicalised so that lists built in code get the same checks as files.
    String canonical;
    try {
      canonical = Entries.canonical(list.kind(), entry);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "warninglist " + list.name() + " from " + list.origin() + ": " + e.getMessage(), e);
    }
    switch (list.kind()) {
      case CIDR -> cidrs.add(Entries.network(canonical), ordinal);
      case DOMAIN -> exactDomains.putIfAbsent(canonical, ordinal);
      case DOMAIN_SUFFIX -> domainSuffixes.putIfAbsent(canonical, ordinal);
      case URL_PREFIX -> urlPrefixes.add(canonical, ordinal);
      case HASH -> hashes.putIfAbsent(canonical, ordinal);
    }
  }

  /** An index over {@code lists}; earlier lists win when several match. */
  public static Warninglists of(List<Warninglist> lists) {
    return new Warninglists(lists);
  }

  /** An index with no lists: nothing matches. */
  public static Warninglists none() {
    return new Warninglists(List.of());
  }

  /** The bundled default lists ({@link #DEFAULT_RESOURCES}). */
  public static Warninglists defaults() {
    List<Warninglist> lists = new ArrayList<>();
    for (String name : DEFAULT_RESOURCES) {
      String path = DEFAULT_RESOURCE_FOLDER + name;
      try (InputStream in = Warninglists.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("bundled warninglist " + path + " is missing");
        }
        lists.add(WarninglistParser.parse(path, new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled warninglist " + path, e);
      }
    }
    return new Warninglists(lists);
  }

  /**
   * Loads list files in the given order (UTF-8).
   *
   * @throws WarninglistFormatException naming the file, line and reason of a bad file
   * @throws IOException when a file cannot be read
   */
  public static Warninglists load(List<Path> files) throws IOException {
    List<Warninglist> lists = new ArrayList<>();
    for (Path file : files) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        lists.add(WarninglistParser.parse(file.toString(), in));
      }
    }
    return new Warninglists(lists);
  }

  /**
   * Loads every {@code *.txt} file of a folder, in file-name order.
   *
   * @throws WarninglistFormatException naming the file, line and reason of a bad file
   * @throws IOException when the folder or a file cannot be read
   */
  public static Warninglists loadDirectory(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p))
              .sorted()
              .toList();
    }
    return load(files);
  }

  /** The lists, in priority order. */
  public List<Warninglist> lists() {
    return lists;
  }

  /**
   * The name of the first list matching a canonical observable key.
   *
   * <p>CIDR lists match {@code ipv4-addr}/{@code ipv6-addr} keys whose address, or whole network,
   * lies inside a listed network; domain lists match {@code domain-name} keys, suffix lists also
   * every subdomain; URL-prefix lists match {@code url} keys that start with an entry; hash lists
   * match {@code file} keys. Other types never match.
   *
   * @throws IllegalArgumentException when the key is malformed, or an IP key's value is not an
   *     address or network
   */
  public Optional<String> match(String canonicalKey) {
    ObservableKey key = ObservableKey.parse(canonicalKey);
    OptionalInt ordinal =
        switch (key.type()) {
          case "ipv4-addr", "ipv6-addr" -> cidrs.match(address(key));
          case "domain-name" -> domain(key.value());
          case "url" -> urlPrefixes.match(key.value());
          case "file" -> lookup(hashes, key.value());
          default -> OptionalInt.empty();
        };
    return ordinal.isPresent()
        ? Optional.of(lists.get(ordinal.getAsInt()).name())
        : Optional.empty();
  }

  private OptionalInt domain(String name) {
    int best = lookup(exactDomains, name).orElse(Integer.MAX_VALUE);
    // Walk up the labels: a.b.example.org, b.example.org, example.org, org.
    for (int from = 0; from >= 0; ) {
      Integer hit = domainSuffixes.get(from == 0 ? name : name.substring(from));
      if (hit != null && hit < best) {
        best = hit;
      }
      int dot = name.indexOf('.', from);
      from = dot < 0 ? -1 : dot + 1;
    }
    return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
  }

  private static OptionalInt lookup(Map<String, Integer> map, String value) {
    Integer hit = map.get(value);
    return hit == null ? OptionalInt.empty() : OptionalInt.of(hit);
  }

  private static IPAddress address(ObservableKey key) {
    try {
      return new IPAddressString(key.value(), Entries.STRICT_IP).toAddress();
    } catch (AddressStringException e) {
      throw new IllegalArgumentException(
          "key " + key + " does not hold an IP address or network: " + e.getMessage(), e);
    }
  }
}
