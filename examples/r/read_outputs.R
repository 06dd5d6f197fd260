#!/usr/bin/env Rscript
# Read the outputs of `alliancesim run` with base R alone.
#
#   Rscript read_outputs.R OUT_DIR [TABLE.csv] [SURVIVAL.csv] [FIGURE.png]
#
# It loads states.csv and runs.csv (NA is missing, booleans 1/0: datapackage.json in the folder
# gives every column's type, unit and meaning), recomputes the README's per-state table --
# protected runs, P(deterrence failure | protected), P(attacked), P(attacked by arms),
# P(conquered), each with its Wilson 95% interval, and the mean economy lost -- and the
# Kaplan-Meier curve of the first deterrence failure with its log-log Greenwood band, prints the
# table, writes both as CSV, and redraws the survival figure with base graphics.
# (Base R reads no JSON; the project's tests check these numbers against summary.json. With
# readr, read_csv("states.csv", na = "NA") reads the same table.)

z95 <- 1.959963984540054 # the 0.975 quantile of the standard normal, as alliancesim uses

wilson <- function(k, n, z = z95) {
  if (n == 0) return(c(NA_real_, NA_real_, NA_real_))
  den <- n + z^2
  centre <- (k + z^2 / 2) / den
  half <- z * sqrt(k * (n - k) / n + z^2 / 4) / den
  lo <- if (k == 0) 0 else max(0, centre - half)
  hi <- if (k == n) 1 else min(1, centre + half)
  c(k / n, lo, hi)
}

state_table <- function(states) {
  rows <- lapply(unique(states$state), function(name) {
    s <- states[states$state == name, ]
    n <- nrow(s)
    p <- s[s$protected == 1, ]
    c(list(state = name, protected_runs = nrow(p)),
      setNames(as.list(wilson(sum(!is.na(p$failure_step)), nrow(p))), c("deterrence_failure", "deterrence_failure_lo", "deterrence_failure_hi")),
      setNames(as.list(wilson(sum(s$attacked), n)), c("attacked", "attacked_lo", "attacked_hi")),
      setNames(as.list(wilson(sum(s$armed_attacked), n)), c("armed_attacked", "armed_attacked_lo", "armed_attacked_hi")),
      setNames(as.list(wilson(sum(s$conquered), n)), c("conquered", "conquered_lo", "conquered_hi")),
      list(economy_lost = mean(s$economy_lost)))
  })
  do.call(rbind, lapply(rows, as.data.frame))
}

kaplan_meier <- function(steps, horizon, z = z95) {
  events <- tabulate(steps[!is.na(steps)], nbins = horizon)
  at_risk <- length(steps)
  s <- 1; log_s <- 0; gw <- 0
  out <- data.frame(step = 0:horizon, s = 1, lo = 1, hi = 1)
  for (t in seq_len(horizon)) {
    d <- events[t]
    if (at_risk > 0 && d > 0) {
      s <- s * (1 - d / at_risk)
      log_s <- if (d < at_risk) log_s + log1p(-d / at_risk) else -Inf
      if (d < at_risk) gw <- gw + d / (at_risk * (at_risk - d))
    }
    if (s == 1) {
      band <- c(1, 1)
    } else if (s == 0) {
      band <- c(0, 0)
    } else {
      sigma <- sqrt(gw) / -log_s
      band <- c(exp(log_s * exp(z * sigma)), exp(log_s * exp(-z * sigma)))
    }
    out[t + 1, ] <- c(t, s, band)
    at_risk <- at_risk - d
  }
  out
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript read_outputs.R OUT_DIR [TABLE.csv] [SURVIVAL.csv] [FIGURE.png]")
dir <- args[1]
states <- read.csv(file.path(dir, "states.csv"), na.strings = "NA", stringsAsFactors = FALSE)
runs <- read.csv(file.path(dir, "runs.csv"), na.strings = "NA", check.names = FALSE)
# The horizon, summary.json's "steps": base R reads no JSON, but the number is the first
# "steps" key of the file (jsonlite::read_json reads it whole).
summary <- paste(readLines(file.path(dir, "summary.json"), warn = FALSE), collapse = "\n")
horizon <- as.integer(sub('"steps": *', "", regmatches(summary, regexpr('"steps": *[0-9]+', summary))))

table <- state_table(states)
fmt <- function(p, lo, hi) ifelse(is.na(p), "–", sprintf("%.3f [%.3f, %.3f]", p, lo, hi))
shown <- table[table$attacked > 0, ]
print(data.frame(
  state = shown$state, protected_runs = shown$protected_runs,
  `P(failure | protected)` = fmt(shown$deterrence_failure, shown$deterrence_failure_lo, shown$deterrence_failure_hi),
  `P(attacked)` = fmt(shown$attacked, shown$attacked_lo, shown$attacked_hi),
  `P(attacked by arms)` = fmt(shown$armed_attacked, shown$armed_attacked_lo, shown$armed_attacked_hi),
  `P(conquered)` = fmt(shown$conquered, shown$conquered_lo, shown$conquered_hi),
  `economy lost T$` = sprintf("%.3f", shown$economy_lost), check.names = FALSE), row.names = FALSE)

curve <- kaplan_meier(runs$failure_step, horizon)
if (length(args) >= 2) write.csv(table, args[2], row.names = FALSE, na = "NA")
if (length(args) >= 3) write.csv(curve, args[3], row.names = FALSE)
if (length(args) >= 4) {
  png(args[4], width = 1417, height = 1063, res = 300, pointsize = 7, type = "cairo")
  par(mar = c(3.2, 3.4, 1.6, 0.6), mgp = c(2, 0.6, 0))
  plot(curve$step, curve$s, type = "n", ylim = c(0, 1), xlab = "Year",
       ylab = "P(no deterrence failure yet)", main = "First deterrence failure (Kaplan–Meier, 95% band)",
       las = 1, font.main = 1)
  xs <- rep(curve$step, each = 2)[-1]
  band_x <- c(xs, rev(xs))
  band_y <- c(rep(curve$hi, each = 2)[-2 * nrow(curve)], rev(rep(curve$lo, each = 2)[-2 * nrow(curve)]))
  polygon(band_x, band_y, col = adjustcolor("#1f77b4", 0.25), border = NA)
  lines(curve$step, curve$s, type = "s", col = "#1f77b4", lwd = 1.5)
  invisible(dev.off())
}
