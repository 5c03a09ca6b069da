package io.handoffbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoffbench.harness.testing.SweepFolderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's Profiles section from run.json's cells: overhead against unprofiled trials, links, the breakdown. */
class ProfileSectionTest {

    /** linked at 64 clients: trial 1 unprofiled at 410,000 TPS, trial 2 profiled at 400,000; rendezvous only profiled. */
    private static final String CELLS = """
            , "cells": [
              {"cell": {"series": "linked", "clients": 64, "trial": 1}, "throughput": {"tps": 410000.0},
               "cpu": {"process_us_per_request": 4.0}, "problems": [], "profile": null},
              {"cell": {"series": "linked", "clients": 64, "trial": 2}, "throughput": {"tps": 400000.0},
               "cpu": {"process_us_per_request": 5.0}, "problems": [],
               "profile": {"kind": "cpu", "engine": "cpu-clock,alluser", "interval_ms": 1.0, "samples": 1000,
                           "flame_graph": "profiles/linked-c64-t2.html", "collapsed": "profiles/linked-c64-t2.collapsed",
                           "recording": null, "breakdown": [
                  {"component": "worker_reducer", "side": "worker", "label": "reducer", "samples": 300, "share": 0.3,
                   "us_per_request": 1.5},
                  {"component": "clients_wait", "side": "clients", "label": "waiting", "samples": 700, "share": 0.7,
                   "us_per_request": 3.5}]}},
              {"cell": {"series": "rendezvous", "clients": 64, "trial": 2}, "throughput": {"tps": 300000.0},
               "cpu": {"process_us_per_request": 6.0}, "problems": [],
               "profile": {"kind": "cpu", "engine": "itimer", "interval_ms": 1.0, "samples": 10,
                           "flame_graph": "profiles/rendezvous-c64-t2.html",
                           "collapsed": "profiles/rendezvous-c64-t2.collapsed", "recording": null, "breakdown": [
                  {"component": "worker_reducer", "side": "worker", "label": "reducer", "samples": 10, "share": 1.0,
                   "us_per_request": 6.0}]}}]
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void shouldGiveEachProfiledCellItsOverheadLinksAndCpuBreakdown() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("sweep"));
        String runJson = SweepFolderFixture.RUN_JSON.strip();
        Files.writeString(dir.resolve("run.json"), runJson.substring(0, runJson.length() - 1) + CELLS);

        Report.write(dir);

        String markdown = Files.readString(dir.resolve("report.md"));
        assertThat(markdown).contains("## Profiles")
                .contains("| linked-c64-t2 | cpu, cpu-clock,alluser, every 1.00 ms | 1,000 | 400,000 | 410,000 (1 trial) "
                        + "| 0.98x | 5.00 | [profiles/linked-c64-t2.html](profiles/linked-c64-t2.html) |")
                .contains("| rendezvous-c64-t2 | cpu, itimer, every 1.00 ms | 10 | 300,000 | – | no unprofiled trial |")
                .contains("| worker: reducer | 1.50 (30.0%) | 6.00 (100.0%) |")
                .contains("| clients: waiting | 3.50 (70.0%) | – |")
                .contains("| total: the measured CPU per request | 5.00 | 6.00 |")
                .contains("(cpu-breakdown.png)");
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<a href=\"profiles/linked-c64-t2.html\">profiles/linked-c64-t2.html</a>");
        assertThat(dir.resolve("cpu-breakdown.png")).isNotEmptyFile();
    }

    @Test
    void shouldLeaveTheSectionOutWhenNoCellWasProfiled() throws Exception {
        Path dir = SweepFolderFixture.write(tmp.resolve("plain"));

        Report.write(dir);

        assertThat(Files.readString(dir.resolve("report.md"))).doesNotContain("## Profiles");
        assertThat(dir.resolve("cpu-breakdown.png")).doesNotExist();
    }
}
