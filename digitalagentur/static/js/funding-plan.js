/*
 * The financing plan editor (staff/funding/plan_form.html): recomputes the figures of the plan
 * while the user types, without a page reload. The server checks the same rules on saving
 * (funding.finance.compute); without this script the page shows the saved figures.
 *
 * Exact arithmetic: amounts are BigInt cents, rates BigInt fractions with four places
 * (0.65 -> 6500), and the formulas are those of funding/finance.py:
 *   total, investive, consumptive: all lines; eligible: the eligible lines;
 *   grant = min(rate x eligible, cap), rounded half up to cents (a cut grant is a warning);
 *   own share = eligible - grant;
 *   third parties count up to round_half_up(max_share x own share) (without a rule: the whole
 *   own share); offering more is a warning;
 *   municipal own share = own share - counted third parties + (total - eligible);
 *   a duration over the maximum months is an error.
 * Amounts are read by the rule of staff/funding_input.py parse_amount ("1.234,56", "1234,56",
 * "1234.56", "1.234", "15 Mio.").
 */
(function () {
  "use strict";

  if (typeof BigInt === "undefined") {
    return; // the saved figures stay; the server computes on saving
  }

  var ZERO = BigInt(0);
  var ONE = BigInt(1);
  var TWO = BigInt(2);
  var TEN = BigInt(10);
  var HUNDRED = BigInt(100);
  var RATE_SCALE = BigInt(10000); // four places
  var MAX_CENTS = BigInt("100000000000000"); // 10^12 euros

  var GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
  var COMMA = /^\d+(?:,\d+)?$/;
  var POINT = /^\d+\.\d{1,2}$/;
  var MILLIONS = /\s*mio\.?$/i;
  var CURRENCY = /\s*(?:€|euro|eur)\s*/gi;

  function pow10(n) {
    var result = ONE;
    for (var i = 0; i < n; i += 1) {
      result *= TEN;
    }
    return result;
  }

  /* The cents `text` spells: {cents: BigInt}, {empty: true} or {error: "invalid" | "negative"
   * | "cents" | "too-large"}. */
  function parseAmount(text) {
    text = (text || "").replace(/[\u00a0\u202f]/g, " ").trim();
    if (text === "") {
      return { empty: true };
    }
    text = text.replace(CURRENCY, "");
    var scale = 0;
    if (MILLIONS.test(text)) {
      text = text.replace(MILLIONS, "");
      scale = 6;
    }
    text = text.replace(/ /g, "");
    var negative = text.charAt(0) === "-" || text.charAt(0) === "\u2212";
    if (negative || text.charAt(0) === "+") {
      text = text.slice(1);
    }
    var whole;
    var fraction;
    if (GROUPED.test(text) || COMMA.test(text)) {
      var parts = text.replace(/\./g, "").split(",");
      whole = parts[0];
      fraction = parts[1] || "";
    } else if (POINT.test(text)) {
      whole = text.split(".")[0];
      fraction = text.split(".")[1];
    } else {
      return { error: "invalid" };
    }
    var digits = BigInt(whole + fraction);
    var exponent = scale + 2 - fraction.length; // digits x 10^exponent cents
    if (negative && digits !== ZERO) {
      return { error: "negative" };
    }
    var cents;
    if (exponent >= 0) {
      cents = digits * pow10(exponent);
    } else {
      var divisor = pow10(-exponent);
      if (digits % divisor !== ZERO) {
        return { error: "cents" };
      }
      cents = digits / divisor;
    }
    if (cents >= MAX_CENTS) {
      return { error: "too-large" };
    }
    return { cents: cents };
  }

  /* A decimal string of a data attribute ("0.6500", "15000000.00") as an integer with
   * `places` places; null for "". */
  function scaled(text, places) {
    if (!text) {
      return null;
    }
    var parts = text.split(".");
    var fraction = (parts[1] || "").slice(0, places);
    while (fraction.length < places) {
      fraction += "0";
    }
    return BigInt(parts[0] + fraction);
  }

  /* n / d rounded half up (away from zero on .5), as Python's ROUND_HALF_UP. */
  function roundHalfUp(n, d) {
    if (n < ZERO) {
      return -roundHalfUp(-n, d);
    }
    return (n * TWO + d) / (d * TWO);
  }

  function group(digits) {
    var out = "";
    while (digits.length > 3) {
      out = "." + digits.slice(-3) + out;
      digits = digits.slice(0, -3);
    }
    return digits + out;
  }

  /* Cents as funding.finance.euro writes them: "15.000.000,00". */
  function euro(cents) {
    var sign = cents < ZERO ? "-" : "";
    var abs = cents < ZERO ? -cents : cents;
    var text = abs.toString();
    while (text.length < 3) {
      text = "0" + text;
    }
    return sign + group(text.slice(0, -2)) + "," + text.slice(-2);
  }

  function euros(cents) {
    return euro(cents) + " €";
  }

  /* part / whole in per cent with one place, half up: "60,0 %" (funding.display). */
  function sharePercent(part, whole) {
    if (whole === ZERO) {
      return "0,0 %";
    }
    var tenths = roundHalfUp(part * BigInt(1000), whole);
    var sign = tenths < ZERO ? "-" : "";
    var abs = tenths < ZERO ? -tenths : tenths;
    return sign + (abs / TEN).toString() + "," + (abs % TEN).toString() + " %";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  /* Months from start to end as funding.overview.duration_months counts them. */
  function durationMonths(start, end) {
    var a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start || "");
    var b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(end || "");
    if (!a || !b) {
      return null;
    }
    var months = (Number(b[1]) - Number(a[1])) * 12 + Number(b[2]) - Number(a[2]);
    return months + (Number(b[3]) >= Number(a[3]) ? 1 : 0);
  }

  /* funding.finance.compute with BigInt cents. */
  function compute(rules, lines, duration, thirdParty, messages) {
    var total = ZERO;
    var eligible = ZERO;
    var investive = ZERO;
    var consumptive = ZERO;
    lines.forEach(function (line) {
      total += line.cents;
      if (line.eligible) {
        eligible += line.cents;
      }
      if (line.kind === "investive") {
        investive += line.cents;
      } else {
        consumptive += line.cents;
      }
    });
    var warnings = [];
    var errors = [];
    var product = rules.rate * eligible; // cents x 10^-4
    var grant;
    if (rules.maxGrant !== null && product > rules.maxGrant * RATE_SCALE) {
      warnings.push(
        fill(messages.cap, {
          cap: euro(rules.maxGrant),
          uncapped: euro(roundHalfUp(product, RATE_SCALE)),
        })
      );
      grant = rules.maxGrant;
    } else {
      grant = roundHalfUp(product, RATE_SCALE);
    }
    var own = eligible - grant;
    var allowed = own;
    if (rules.thirdPartyShare !== null) {
      allowed = roundHalfUp(rules.thirdPartyShare * own, RATE_SCALE);
    }
    var ceiling = allowed > ZERO ? allowed : ZERO;
    var counted = thirdParty < ceiling ? thirdParty : ceiling;
    if (thirdParty > counted) {
      warnings.push(fill(messages.thirdParty, { allowed: euro(counted), offered: euro(thirdParty) }));
    }
    if (rules.maxMonths !== null && duration !== null && duration > rules.maxMonths) {
      errors.push(fill(messages.duration, { months: String(duration), max: String(rules.maxMonths) }));
    }
    return {
      total: total,
      eligible_total: eligible,
      investive: investive,
      consumptive: consumptive,
      grant: grant,
      own_share: own,
      third_party: counted,
      municipal_own_share: own - counted + (total - eligible),
      warnings: warnings,
      errors: errors,
    };
  }

  /* funding.finance.split: cents in proportion to integer weights, adding up exactly (largest
   * remainder; ties to the earlier town). */
  function split(cents, weights) {
    var whole = weights.reduce(function (sum, w) {
      return sum + w;
    }, ZERO);
    var parts = weights.map(function () {
      return ZERO;
    });
    if (whole === ZERO || cents < ZERO) {
      return null;
    }
    var remainders = [];
    var given = ZERO;
    weights.forEach(function (w, i) {
      if (w > ZERO) {
        parts[i] = (cents * w) / whole;
        given += parts[i];
        remainders.push({ index: i, rest: (cents * w) % whole });
      }
    });
    remainders.sort(function (a, b) {
      if (a.rest === b.rest) {
        return 0;
      }
      return a.rest > b.rest ? -1 : 1;
    });
    var left = Number(cents - given);
    for (var k = 0; k < left; k += 1) {
      parts[remainders[k].index] += ONE;
    }
    return parts;
  }

  function setup(form) {
    var data = form.dataset;
    var rules = {
      rate: scaled(data.fundingRate, 4) || ZERO,
      maxGrant: scaled(data.maxGrant, 2),
      thirdPartyShare: scaled(data.thirdPartyMaxShare, 4),
      maxMonths: data.maxMonths ? Number(data.maxMonths) : null,
    };
    var messages = {
      cap: data.msgCap,
      thirdParty: data.msgThirdParty,
      duration: data.msgDuration,
      endBeforeStart: data.msgEndBeforeStart,
      where: data.msgAmountWhere,
      thirdPartyField: data.msgThirdPartyField,
      amount: {
        invalid: data.msgAmountInvalid,
        negative: data.msgAmountNegative,
        cents: data.msgAmountCents,
        "too-large": data.msgAmountTooLarge,
      },
    };
    var live = form.querySelector("#plan-live");
    var messageList = form.querySelector("[data-plan-messages]");
    var splitCells = Array.prototype.slice.call(form.querySelectorAll("[data-split-weight]"));
    var weightPlaces = splitCells.reduce(function (places, cell) {
      var fraction = (cell.getAttribute("data-split-weight").split(".")[1] || "").length;
      return Math.max(places, fraction);
    }, 0);
    var splitWeights = splitCells.map(function (cell) {
      return scaled(cell.getAttribute("data-split-weight"), weightPlaces);
    });

    function field(name) {
      return form.querySelector("[name='" + name + "']");
    }

    function mark(input, problem) {
      if (problem) {
        input.setAttribute("aria-invalid", "true");
      } else if (!input.closest(".has-error")) {
        input.removeAttribute("aria-invalid");
      }
    }

    function recompute() {
      var lines = [];
      var problems = [];
      form.querySelectorAll(".plan-sub").forEach(function (sub) {
        var sums = { investive: ZERO, consumptive: ZERO };
        var row = 0;
        sub.querySelectorAll(".plan-lines [data-plan-line]").forEach(function (line) {
          row += 1;
          var amount = line.querySelector("[data-plan='amount']");
          var removed = line.querySelector("input[name$='-DELETE']");
          if (removed && removed.checked) {
            mark(amount, false);
            return;
          }
          var parsed = parseAmount(amount.value);
          mark(amount, Boolean(parsed.error));
          if (parsed.error) {
            problems.push(
              fill(messages.where, {
                sub: sub.getAttribute("data-plan-sub"),
                row: String(row),
                message: messages.amount[parsed.error],
              })
            );
            return;
          }
          if (parsed.empty) {
            return;
          }
          var kind = line.querySelector("[data-plan='kind']").value;
          var eligible = line.querySelector("[data-plan='eligible']").checked;
          lines.push({ cents: parsed.cents, kind: kind, eligible: eligible });
          sums[kind === "investive" ? "investive" : "consumptive"] += parsed.cents;
        });
        sub.querySelector("[data-sum='investive']").textContent = euros(sums.investive);
        sub.querySelector("[data-sum='consumptive']").textContent = euros(sums.consumptive);
        sub.querySelector("[data-sum='total']").textContent = euros(
          sums.investive + sums.consumptive
        );
      });
      var thirdInput = field("third_party");
      var third = parseAmount(thirdInput ? thirdInput.value : "");
      if (thirdInput) {
        mark(thirdInput, Boolean(third.error));
      }
      if (third.error) {
        problems.push(fill(messages.thirdPartyField, { message: messages.amount[third.error] }));
      }
      var start = field("start_date") ? field("start_date").value : "";
      var end = field("end_date") ? field("end_date").value : "";
      var duration = durationMonths(start, end);
      if (start && end && end < start) {
        problems.push(messages.endBeforeStart);
        duration = null;
      }
      var plan = compute(rules, lines, duration, third.cents || ZERO, messages);
      show(plan, problems.concat(plan.errors), plan.warnings);
    }

    function show(plan, errors, warnings) {
      var texts = {
        investive: euros(plan.investive),
        consumptive: euros(plan.consumptive),
        total: euros(plan.total),
        investive_share: sharePercent(plan.investive, plan.total),
        consumptive_share: sharePercent(plan.consumptive, plan.total),
        eligible_total: euros(plan.eligible_total),
        grant: euros(plan.grant),
        own_share: euros(plan.own_share),
        third_party: euros(plan.third_party),
        municipal_own_share: euros(plan.municipal_own_share),
      };
      live.querySelectorAll("[data-figure]").forEach(function (cell) {
        var text = texts[cell.getAttribute("data-figure")];
        if (text !== undefined && cell.textContent !== text) {
          cell.textContent = text;
        }
      });
      var parts = split(plan.municipal_own_share, splitWeights);
      splitCells.forEach(function (cell, i) {
        var text = parts ? euros(parts[i]) : "–";
        if (cell.textContent !== text) {
          cell.textContent = text;
        }
      });
      var items = [];
      errors.forEach(function (text) {
        items.push(["is-error", data.labelError, text]);
      });
      warnings.forEach(function (text) {
        items.push(["", data.labelWarning, text]);
      });
      var key = JSON.stringify(items);
      if (messageList.getAttribute("data-shown") === key) {
        return; // unchanged: nothing new for screen readers
      }
      messageList.setAttribute("data-shown", key);
      messageList.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        if (item[0]) {
          li.className = item[0];
          var strong = document.createElement("strong");
          strong.textContent = item[1];
          li.appendChild(strong);
          li.appendChild(document.createTextNode(" " + item[2]));
        } else {
          li.textContent = item[1] + " " + item[2];
        }
        messageList.appendChild(li);
      });
    }

    function addRow(button) {
      var sub = button.closest(".plan-sub");
      var prefix = sub.getAttribute("data-prefix");
      var total = sub.querySelector("[name='" + prefix + "-TOTAL_FORMS']");
      var index = Number(total.value);
      var template = sub.querySelector("template.plan-line-template");
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      sub.querySelector(".plan-lines").appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input[type='text']");
      if (first) {
        first.focus();
      }
      recompute();
    }

    form.addEventListener("input", recompute);
    form.addEventListener("change", recompute);
    form.querySelectorAll("[data-plan-add]").forEach(function (button) {
      button.closest(".plan-add-row").hidden = false;
      button.addEventListener("click", function () {
        addRow(button);
      });
    });
    recompute();
  }

  // For the browser test: the same arithmetic without the page.
  window.fundingPlan = {
    parseAmount: parseAmount,
    compute: compute,
    split: split,
    euro: euro,
    scaled: scaled,
  };

  function start() {
    var form = document.getElementById("finanzierungsplan");
    if (form) {
      setup(form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
