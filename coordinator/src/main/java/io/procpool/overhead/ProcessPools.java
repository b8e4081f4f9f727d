package io.procpool.overhead;

import io.procpool.cds.WorkerArchive;
import io.procpool.pool.ProcessPoolOptions;
import io.procpool.process.ProcessPool;
import io.procpool.process.WorkerCommand;
import io.procpool.protocol.Codec;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Starts the process pools a measurement needs, all alike but for in-flight and the archive. */
final class ProcessPools {
  private final int workers;
  private final List<String> jvmOptions;
  private final Codec codec;
  private final int offLineThreshold;
  private final Consumer<String> stderr;

  ProcessPools(int workers, List<String> jvmOptions, Codec codec, int offLineThreshold, Consumer<String> stderr) {
    this.workers = workers;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.codec = codec;
    this.offLineThreshold = offLineThreshold;
    this.stderr = stderr;
  }

  int workers() {
    return workers;
  }

  /** A pool with the default in-flight and the default use of the archive. */
  ProcessPool start() {
    return ProcessPool.start(options().build());
  }

  ProcessPool start(int inFlight) {
    return ProcessPool.start(options().maxInFlight(inFlight).build());
  }

  ProcessPool start(boolean archive) {
    return ProcessPool.start(options().workerArchive(archive).build());
  }

  /** The in-flight limit a pool gets when none is given. */
  int defaultInFlight() {
    return options().build().maxInFlight();
  }

  /** The archive the default pools use, if their class path allows one. */
  Optional<WorkerArchive> archive() {
    return WorkerCommand.archive(options().build());
  }

  private ProcessPoolOptions.Builder options() {
    return ProcessPoolOptions.builder().workers(workers).jvmOptions(jvmOptions).codec(codec)
        .offLineThreshold(offLineThreshold).stderr(stderr);
  }
}
