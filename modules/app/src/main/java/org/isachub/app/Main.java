package org.isachub.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code isachub} command. */
@Command(
    name = "isachub",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A Kafka-native threat-indicator sharing hub.",
    subcommands = {
      RunCommand.class,
      TopicsCommand.class,
      MembersCommand.class,
      SubscriptionsCommand.class,
      ConfigDocsCommand.class,
      PublishCommand.class,
      org.isachub.bench.EndToEnd.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, for tests and embedding.
   *
   * @return a fresh command line
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** Reports the version written into the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties props = new java.util.Properties();
      try (var in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
      return new String[] {"isachub " + props.getProperty("version", "(unknown version)")};
    }
  }
}
