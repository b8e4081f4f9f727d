package io.procpool.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.run.RunReport;
import io.procpool.run.StartupRecord;
import io.procpool.run.TaskRecord;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timelines from hand-made reports: lanes, packing, and the files they become. */
final class TimelineTest {
  @TempDir
  Path dir;

  @Test
  void of_processRun_oneLanePerWorkerInNaturalOrderWithStartups() {
    Timeline timeline = Timeline.of(processRun(List.of("w10", "w2", "w1")));

    assertEquals(List.of("w1 pid 101", "w2 pid 102", "w10 pid 110"), timeline.lanes());
    assertEquals(3, timeline.bars().stream().filter(bar -> bar.kind() == Bar.Kind.STARTUP).count());
    assertEquals(6, timeline.bars().stream().filter(bar -> bar.kind() == Bar.Kind.TASK).count());
    assertEquals(400, timeline.readyMillis(), 1e-9);
  }

  @Test
  void of_moreWorkersThanFit_packsNonOverlappingWorkersIntoSharedRows() {
    List<TaskRecord> tasks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      // two at a time, one after another: a thread per task, as virtual-thread mode gives
      tasks.add(task(i, "procpool-virtual-" + (i + 1), (i / 2) * 10.0, 9.0));
    }
    Timeline timeline = Timeline.of(report("virtual-thread", 2, tasks, List.of()));

    assertEquals(2, timeline.lanes().size(), "at most two ran at once");
    assertTrue(timeline.laneTitle().startsWith("100 threads, packed"), timeline.laneTitle());
  }

  @Test
  void write_svg_isXmlWithAPanelPerRunNamingEachWorker() throws Exception {
    Path svg = dir.resolve("timeline.svg");
    RunReport thread = report("thread", 2, List.of(task(0, "procpool-thread-1", 0, 50),
        task(1, "procpool-thread-2", 0, 60)), List.of());

    TimelineFile.write(List.of(thread, processRun(List.of("w1", "w2"))), svg);

    String text = Files.readString(svg);
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed
    for (String lane : List.of("thread-1", "thread-2", "w1 pid 101", "w2 pid 102")) {
      assertTrue(text.contains(lane), "no lane " + lane);
    }
    assertEquals(2, text.split("<desc>").length - 1, "one panel per run");
    assertTrue(text.contains("start-up 0-400 ms"), "start-up bar missing");
  }

  @Test
  void write_png_isAnImageWithOnePanelPerRun() throws Exception {
    Path png = dir.resolve("timeline.png");

    TimelineFile.write(List.of(processRun(List.of("w1", "w2")), processRun(List.of("w1", "w2", "w3"))), png);

    byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
    assertEquals("\u0089PNG", new String(magic, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    BufferedImage image = ImageIO.read(png.toFile());
    int onePanel = TimelineChart.draw(Timeline.of(processRun(List.of("w1", "w2"))), 1000).getHeight();
    assertTrue(image.getHeight() > onePanel, "expected two stacked panels, height " + image.getHeight());
  }

  @Test
  void write_pngPanelsWithLaneNamesOfDifferentWidths_shareTheirZeroAndTheirScale() throws Exception {
    Path png = dir.resolve("timeline.png");
    // "main" against "w1 pid 101": xchart gives the second a wider y axis, which moved its zero.
    RunReport serial = report("serial", 1, List.of(task(0, "main", 0, 950)), List.of());
    List<RunReport> runs = List.of(serial, processRun(List.of("w1", "w2")));

    TimelineFile.write(runs, png);

    BufferedImage image = ImageIO.read(png.toFile());
    List<int[]> spans = new ArrayList<>();
    int top = 0;
    for (RunReport run : runs) {
      int height = TimelineChart.draw(Timeline.of(run), 1000).getHeight();
      spans.add(barSpan(image, top, top + height));
      top += height;
    }
    // Both panels have a bar from 0 ms and one ending at 951 ms: the same x in each.
    assertEquals(spans.get(0)[0], spans.get(1)[0], 1, "0 ms at different x");
    assertEquals(spans.get(0)[1], spans.get(1)[1], 1, "951 ms at different x");
  }

  /** The leftmost and rightmost x of any bar colour between rows {@code from} and {@code to}. */
  private static int[] barSpan(BufferedImage image, int from, int to) {
    List<Integer> colours = List.of(TimelineChart.TASK.getRGB(), TimelineChart.TASK_ALTERNATE.getRGB(),
        TimelineChart.STARTUP.getRGB());
    int left = Integer.MAX_VALUE;
    int right = -1;
    for (int y = from; y < to; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (colours.contains(image.getRGB(x, y) | 0xFF000000)) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    }
    assertTrue(right >= 0, "no bar drawn between rows " + from + " and " + to);
    return new int[] {left, right};
  }

  @Test
  void drawable_manyBackToBackTasks_mergeIntoOneBarPerBusyStretch() {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      bars.add(new Bar(i % 2, (i / 2) * 0.01, (i / 2) * 0.01 + 0.009, Bar.Kind.TASK, "#" + i));
    }
    bars.add(new Bar(0, 100, 101, Bar.Kind.TASK, "#late")); // after an idle gap: its own bar

    List<Bar> drawn = TimelineChart.drawable(bars, 1.0);

    assertEquals(3, drawn.size(), "one busy stretch per lane, plus the late task: " + drawn);
    assertEquals("1500 tasks", drawn.get(0).label());
  }

  /** Two tasks per worker after a 400 ms start-up. */
  private static RunReport processRun(List<String> workers) {
    List<TaskRecord> tasks = new ArrayList<>();
    List<StartupRecord> startups = new ArrayList<>();
    for (String worker : workers) {
      long pid = 100 + Long.parseLong(worker.substring(1));
      startups.add(new StartupRecord(worker, pid, 0, 400));
      tasks.add(task(tasks.size(), worker, 400, 300));
      tasks.add(task(tasks.size(), worker, 700, 250));
    }
    return report("process", workers.size(), tasks, startups);
  }

  private static TaskRecord task(int index, String worker, double startedMillis, double millis) {
    return new TaskRecord(index, 1, 1L, null, 7, worker.startsWith("w") ? "main" : worker, worker, index + 1,
        startedMillis, startedMillis + millis + 1, (long) (millis * 1000), 1);
  }

  private static RunReport report(String mode, int workers, List<TaskRecord> tasks, List<StartupRecord> startups) {
    double wall = tasks.stream().mapToDouble(TaskRecord::finishedMillis).max().orElse(0);
    return new RunReport(mode, workers, tasks.size(), "cpu-heavy", "map", 1, tasks.size(), 0, wall,
        startups.isEmpty() ? 0 : 400, 0, 1, List.of(7L), workers, startups.size(), null, null, tasks, startups, List.of());
  }
}
