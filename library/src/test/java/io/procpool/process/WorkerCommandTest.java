package io.procpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.protocol.Codec;
import java.util.List;
import org.junit.jupiter.api.Test;

final class WorkerCommandTest {
  @Test
  void jvmOptions_vectorScans_addTheModuleOnceBeforeTheUsersOptions() {
    List<String> options = WorkerCommand.jvmOptions(List.of("-Xmx1g"), true);

    assertEquals(List.of(WorkerCommand.ADD_VECTOR_MODULE, "-Xmx1g"), options.subList(options.size() - 2, options.size()));
    assertTrue(options.containsAll(WorkerCommand.DEFAULT_JVM_OPTIONS));
  }

  @Test
  void jvmOptions_withoutVectorScans_orWhenTheUserAddsItThemselves_noSecondCopy() {
    assertFalse(WorkerCommand.jvmOptions(List.of(), false).contains(WorkerCommand.ADD_VECTOR_MODULE));
    List<String> own = WorkerCommand.jvmOptions(List.of("--add-modules", "jdk.incubator.vector"), true);
    assertFalse(own.contains(WorkerCommand.ADD_VECTOR_MODULE), own.toString());
  }

  @Test
  void of_jacksonCodec_tellsTheWorkerItsCodec_defaultCodecNotNamed() {
    List<String> jackson = WorkerCommand.of(ProcessPoolOptions.builder().codec(Codec.JACKSON).build());
    List<String> plain = WorkerCommand.of(ProcessPoolOptions.builder().build());

    assertEquals(List.of(WorkerCommand.MAIN_CLASS, "--codec", "jackson"), jackson.subList(jackson.size() - 3, jackson.size()));
    assertEquals(WorkerCommand.MAIN_CLASS, plain.get(plain.size() - 1));
  }

  @Test
  void of_offLineThreshold_tellsTheWorkerThresholdFolderAndThisCoordinatorsPrefix() {
    List<String> command = WorkerCommand.of(ProcessPoolOptions.builder().offLineThreshold(1000).build());

    assertEquals(List.of(WorkerCommand.MAIN_CLASS, "--off-line", "1000", ValueFiles.DIRECTORY.toString(),
        ValueFiles.POOL_PREFIX), command.subList(command.size() - 5, command.size()));
  }

  @Test
  void of_maxMessageBytesNotTheDefault_tellsTheWorkerTheLongestLine_defaultNotNamed() {
    List<String> small = WorkerCommand.of(ProcessPoolOptions.builder().maxMessageBytes(1 << 20).build());
    List<String> plain = WorkerCommand.of(ProcessPoolOptions.builder().build());

    assertEquals(List.of(WorkerCommand.MAIN_CLASS, "--max-line", "1048576"), small.subList(small.size() - 3, small.size()));
    assertFalse(plain.contains("--max-line"), plain.toString());
  }
}
