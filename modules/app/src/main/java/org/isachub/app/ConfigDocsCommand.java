package org.isachub.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code isachub config-docs}: print the configuration reference. */
@Command(
    name = "config-docs",
    mixinStandardHelpOptions = true,
    description = "Print the configuration reference (Markdown), as kept in docs/configuration.md.")
public final class ConfigDocsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigDocs.markdown(ConfigDocs.sections()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
