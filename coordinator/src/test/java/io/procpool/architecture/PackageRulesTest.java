package io.procpool.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of procpool's production classes (all modules: this module's test class
 * path holds them all), checked on every build with ArchUnit.
 */
@AnalyzeClasses(packages = "io.procpool", importOptions = ImportOption.DoNotIncludeTests.class)
final class PackageRulesTest {

  @ArchTest
  static final ArchRule packages_haveNoCycles = slices().matching("io.procpool.(*)..")
      .should().beFreeOfCycles();

  /** The wire protocol stands alone, so a worker in any language is written from it and the JDK. */
  @ArchTest
  static final ArchRule protocol_dependsOnNothingElseOfProcpool = noClasses()
      .that().resideInAPackage("io.procpool.protocol..")
      .should().dependOnClassesThat(resideInAPackage("io.procpool..").and(not(resideInAPackage("io.procpool.protocol.."))));

  /** The library (pools, process pool, archive) knows nothing of the command line or its output. */
  @ArchTest
  static final ArchRule library_usesNoCommandLinePackage = noClasses()
      .that().resideInAnyPackage("io.procpool.pool..", "io.procpool.process..", "io.procpool.cds..", "io.procpool.fn..")
      .should().dependOnClassesThat().resideInAnyPackage("io.procpool.cli..", "io.procpool.report..",
          "io.procpool.chart..", "io.procpool.run..", "io.procpool.sweep..", "io.procpool.timeline..",
          "io.procpool.overhead..");

  /** The factory facade sits on top: it may use the pools, nothing of procpool uses it. */
  @ArchTest
  static final ArchRule pools_isUsedByNothingOfProcpool = noClasses()
      .that().doNotHaveFullyQualifiedName("io.procpool.Pools")
      .should().dependOnClassesThat().haveFullyQualifiedName("io.procpool.Pools");
}
