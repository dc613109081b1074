#!/usr/bin/env python3
"""Writes the six built-in training scenarios, assets/scenarios/*.json (docs/TRAINING.md).

The files are plain JSON in the repo; this script is how they were made, so that a change to
a book (an amount, a date) is made here and the files written again:

    python3 scripts/make_scenarios.py            # writes assets/scenarios/
    build/arlab train assets/scenarios/01-forgetful-customer.json   # plays one

Each book is small (5-10 customers, fourteen months of history before the start): invoices on
fixed days, and the payments each personality would have made before the start (a prompt
payer on the due date, a negligent one 45-75 days late, ...), so that what is open at the
start is what the personality leaves open, and the year before it is the history the game's
behaviour model is fitted on. Deterministic: no random numbers.
"""
import datetime
import json
import os

START = datetime.date(2025, 3, 3)  # A Monday: week 1 starts here in every scenario.
# Invoice days before the start; the last falls due within the game (call a week before).
INVOICE_DAYS = [datetime.date(2024, 11, 5), datetime.date(2024, 12, 5), datetime.date(2025, 1, 6),
                datetime.date(2025, 2, 5), datetime.date(2025, 2, 24)]
# Days after the due date each personality paid before the start (None: it did not pay).
HISTORY_LAG = {"prompt": 0, "negligent": 50, "disputing": 5, "short_of_cash": 75,
               "triangular": 40, "deliberate": None, "inertial": 60}
# The year before: eight monthly invoices, all settled before the start, each paid within the
# personality's usual range of days after due (lo, hi), on a business day. The game fits the
# simulator's behaviour model on this history (core/training_game.h): a customer with eight
# or more settled invoices pays by itself as they did.
HISTORY_DAYS = [datetime.date(2024, m, 5) for m in range(1, 9)]
HISTORY_RANGE = {"prompt": (0, 0), "negligent": (45, 75), "disputing": (3, 10),
                 "short_of_cash": (60, 100), "triangular": (30, 50), "deliberate": (20, 40),
                 "inertial": (30, 90)}

POLICY = {"reminder_days": 7, "letter_gap_days": 7, "approval_over": "5000.00",
          "levels": [
              {"name": "notice", "days": 1, "owner": "sales", "deadline_days": 10},
              {"name": "warning", "days": 15, "owner": "finance", "deadline_days": 7},
              {"name": "lawyer's letter", "days": 30, "owner": "credit", "deadline_days": 7}]}


def money(minor):
    return f"{minor // 100}.{minor % 100:02d}"


def day(d):
    return d.isoformat()


def business_day(d):
    """d, or the Monday after it when it falls on a weekend (a bank credits business days)."""
    return d + datetime.timedelta(days=(7 - d.weekday()) % 7 if d.weekday() >= 5 else 0)


SALESPEOPLE = [{"id": "S1", "name": "Sam Reyes"}, {"id": "S2", "name": "Tina Okafor"}]


def make_book(customers, unpaid):
    """customers: (id, name, personality, base amount in minor units, terms days, credit limit);
    unpaid: invoice ids left open whatever the personality (a contested invoice)."""
    book = {"format": "arlab-book/2", "currency": "USD", "salespeople": SALESPEOPLE,
            "customers": [], "invoices": [], "payments": [], "collection": {"policy": POLICY}}
    for n, (cid, name, personality, base, terms, limit) in enumerate(customers):
        # Two salespeople share the customers by turns (the commission exercise's team); the
        # game does not read them, so its results stay the same.
        c = {"id": cid, "name": name, "salesperson": SALESPEOPLE[n % 2]["id"], "terms_days": terms}
        if limit:
            c["credit_limit"] = money(limit)
        book["customers"].append(c)
        lo, hi = HISTORY_RANGE[personality]
        for k, d in enumerate(HISTORY_DAYS):
            amount = base + (k * 89 + len(cid) * 31) % 5 * 2500
            inv = f"{cid}-H{k + 1}"
            due = d + datetime.timedelta(days=terms)
            # Spread over the range without random numbers: a different step per customer.
            lag = lo + (k * 7 + sum(map(ord, cid)) * 3) % (hi - lo + 1)
            paid = business_day(due + datetime.timedelta(days=lag))
            book["invoices"].append({"id": inv, "customer": cid, "date": day(d), "amount": money(amount)})
            book["payments"].append({"id": f"P-{inv}", "customer": cid, "date": day(paid),
                                     "amount": money(amount),
                                     "allocations": [{"invoice": inv, "amount": money(amount)}]})
        for k, d in enumerate(INVOICE_DAYS):
            amount = base + (k * 137 + len(cid) * 53) % 7 * 2500  # A little variety.
            inv = f"{cid}-{k + 1}"
            due = d + datetime.timedelta(days=terms)
            book["invoices"].append({"id": inv, "customer": cid, "date": day(d), "amount": money(amount)})
            lag = HISTORY_LAG[personality]
            if personality == "deliberate" and k == 0:
                lag = 20  # Paid its first invoice, then stopped.
            if lag is None or inv in unpaid:
                continue
            paid = business_day(due + datetime.timedelta(days=lag))
            if paid < START:
                book["payments"].append({"id": f"P-{inv}", "customer": cid, "date": day(paid),
                                         "amount": money(amount),
                                         "allocations": [{"invoice": inv, "amount": money(amount)}]})
    book["payments"].sort(key=lambda p: (p["date"], p["id"]))
    return book


def cast_member(cid, personality, contact, story, relationship=70, **extra):
    m = {"customer": cid, "personality": personality, "contact": contact,
         "relationship": relationship}
    m.update(extra)
    m["story"] = story
    return m


def scenario(sid, title, level, briefing, practices, role, weeks, minutes, seed, goals, weights,
             customers, cast):
    return {"format": "arlab-scenario/1", "id": sid, "title": title, "level": level,
            "briefing": briefing, "practices": practices, "role": role, "start": day(START),
            "weeks": weeks, "minutes_per_week": minutes, "seed": seed, "goals": goals,
            "weights": weights, "cast": cast,
            "book": make_book(customers, {m["dispute"]["invoice"] for m in cast if "dispute" in m})}


STORIES = {
    "negligent": "The invoice is in a pile on the owner's desk; nobody there pays until someone asks.",
    "prompt": "Pays every invoice on its due date by standing order.",
    "disputing": "Says part of the delivery was damaged and will not pay for it until that is settled.",
    "short_of_cash": "Sales fell this winter and its bank cut the overdraft: it wants to pay but has no cash for everything at once.",
    "triangular": "Its own big customer has not paid it yet; it will pay everyone as soon as that money arrives.",
    "deliberate": "The owner moved the money to a new company and hopes suppliers give up.",
    "inertial": "A big chain: its buyers know you need the account and pay when it suits them; junior staff dare not press.",
}


def cast_for(customers, overrides=None):
    overrides = overrides or {}
    out = []
    for cid, name, personality, base, _terms, _limit in customers:
        extra = overrides.get(cid, {})
        contact = extra.pop("contact", "the accounts clerk")
        # It keeps buying every two weeks (the invoice it was sent most often).
        extra.setdefault("sales", {"every_days": 14, "amount": money(base)})
        out.append(cast_member(cid, personality, contact, STORIES[personality], **extra))
    return out


def dispute_for(cid, k, contested, upheld, reason="goods"):
    return {"invoice": f"{cid}-{k}", "amount": money(contested), "reason": reason, "upheld": money(upheld)}


def all_scenarios():
    out = []
    # 1. Easy: forgetful customers.
    c = [("C1", "Harbor Cafe", "negligent", 120000, 30, 0),
         ("C2", "Pine Bakery", "negligent", 90000, 30, 0),
         ("C3", "Oak Foods", "prompt", 150000, 30, 0),
         ("C4", "Elm Deli", "prompt", 60000, 30, 0),
         ("C5", "Birch Bistro", "negligent", 75000, 30, 0)]
    out.append(scenario(
        "forgetful-customer", "The forgetful customer", "easy",
        "Three of your five customers are not short of money, they simply forget. Call a week "
        "before an invoice falls due to confirm the date, and call on the first day it is late.",
        ["call-before-due", "act-on-day-one", "call-rules", "five-words"],
        "Collector for a food wholesaler", 6, 120, 11,
        {"cash": "0.00", "dso_days": 35, "bad_debt_max": "0.00"},
        {"cash": 40, "dso": 30, "bad_debt": 10, "relationship": 20}, c,
        cast_for(c, {"C1": {"contact": "Ann Lee"}, "C2": {"contact": "Bo Park"}})))
    # 2. Medium: disputes.
    c = [("C1", "Marlin Hotels", "disputing", 200000, 30, 0),
         ("C2", "Gull Catering", "disputing", 110000, 30, 0),
         ("C3", "Tern Cafe", "negligent", 80000, 30, 0),
         ("C4", "Heron Foods", "prompt", 130000, 30, 0),
         ("C5", "Plover Inn", "prompt", 70000, 30, 0),
         ("C6", "Crane Diner", "negligent", 95000, 30, 0)]
    out.append(scenario(
        "disputed-delivery", "The disputed delivery", "medium",
        "Two customers hold back payment. Find out why before you push: a dispute resolved "
        "first (a credit note for what is fair) brings the rest in; letters before that only "
        "harden them.",
        ["causes", "overdue-methods", "call-rules", "monthly-statements"],
        "Credit controller at a catering supplier", 6, 180, 22,
        {"cash": "0.00", "dso_days": 45, "bad_debt_max": "0.00"},
        {"cash": 40, "dso": 20, "bad_debt": 10, "relationship": 30}, c,
        cast_for(c, {"C1": {"contact": "Mr Diaz", "dispute": dispute_for("C1", 3, 80000, 40000)},
                     "C2": {"contact": "Ms Okafor",
                            "dispute": dispute_for("C2", 4, 50000, 0, "price")}})))
    # 3. Medium: can't pay.
    c = [("C1", "Lumen Print", "short_of_cash", 150000, 30, 0),
         ("C2", "Vega Signs", "short_of_cash", 90000, 30, 0),
         ("C3", "Nova Paper", "negligent", 70000, 30, 0),
         ("C4", "Orion Office", "prompt", 110000, 30, 0),
         ("C5", "Atlas Stationers", "prompt", 60000, 30, 0),
         ("C6", "Sirius Copy", "short_of_cash", 80000, 30, 0)]
    out.append(scenario(
        "short-of-cash", "Short of cash", "medium",
        "Three customers can't pay, they don't refuse. Ask for the full amount first, hear why "
        "it cannot be paid, then agree instalments they can keep.",
        ["wont-vs-cant", "full-payment-first", "instalments", "call-rules"],
        "Collector for a paper merchant", 8, 180, 33,
        {"cash": "0.00", "dso_days": 60, "bad_debt_max": "0.00"},
        {"cash": 50, "dso": 20, "bad_debt": 10, "relationship": 20}, c,
        cast_for(c, {"C1": {"contact": "Mrs Chen"}, "C2": {"contact": "Mr Novak"}})))
    # 4. Medium: the chain.
    c = [("C1", "Delta Build", "triangular", 250000, 30, 0),
         ("C2", "Ridge Homes", "triangular", 140000, 30, 0),
         ("C3", "Stone Tools", "negligent", 60000, 30, 0),
         ("C4", "Brick Supply", "prompt", 90000, 30, 0),
         ("C5", "Slate Roofing", "prompt", 70000, 30, 0)]
    out.append(scenario(
        "the-chain", "The chain", "medium",
        "Two builders wait for their own customers' money. They can't pay until it arrives, "
        "and then everyone asks at once: visit them, and make sure you are paid first.",
        ["causes", "wont-vs-cant", "overdue-methods", "five-words"],
        "Credit controller at a building supplier", 8, 200, 44,
        {"cash": "0.00", "dso_days": 50, "bad_debt_max": "0.00"},
        {"cash": 40, "dso": 30, "bad_debt": 10, "relationship": 20}, c,
        cast_for(c, {"C1": {"contact": "Mr Abara", "debtor_pays": day(START + datetime.timedelta(days=33))},
                     "C2": {"contact": "Ms Ivers", "debtor_pays": day(START + datetime.timedelta(days=19))}})))
    # 5. Hard: won't pay.
    c = [("C1", "Shade Trading", "deliberate", 180000, 30, 0),
         ("C2", "Fog Imports", "deliberate", 120000, 30, 0),
         ("C3", "Clear Water", "negligent", 70000, 30, 0),
         ("C4", "Rain Gear", "short_of_cash", 90000, 30, 0),
         ("C5", "Sun Goods", "prompt", 100000, 30, 0),
         ("C6", "Sky Retail", "prompt", 80000, 30, 0)]
    out.append(scenario(
        "the-one-who-wont", "The one who won't", "hard",
        "Two customers have decided not to pay. Calls and letters will not move them: stop "
        "supply, climb the escalation ladder and take it to the legal department before the "
        "debt ages and the chance of recovery falls.",
        ["wont-vs-cant", "stop-supply", "escalation-ladder", "four-stages", "practice-figures"],
        "Credit manager at an import business", 8, 180, 55,
        {"cash": "0.00", "dso_days": 50, "bad_debt_max": "6000.00"},
        {"cash": 35, "dso": 15, "bad_debt": 35, "relationship": 15}, c,
        cast_for(c, {"C1": {"contact": "Mr Grey"}, "C2": {"contact": "Ms Vance"}})))
    # 6. Hard: the big customer in a mixed portfolio.
    c = [("C1", "MegaMart", "inertial", 600000, 60, 0),
         ("C2", "Corner Shop", "negligent", 50000, 30, 0),
         ("C3", "Fresh Grocers", "disputing", 120000, 30, 0),
         ("C4", "Family Foods", "short_of_cash", 90000, 30, 0),
         ("C5", "Chain Builders", "triangular", 110000, 30, 0),
         ("C6", "Vanish Ltd", "deliberate", 80000, 30, 0),
         ("C7", "Steady Stores", "prompt", 140000, 30, 0),
         ("C8", "Daily Market", "prompt", 70000, 30, 0),
         ("C9", "Late Deli", "negligent", 60000, 30, 0)]
    out.append(scenario(
        "big-customer", "The big customer", "hard",
        "A mixed portfolio around one big chain that pays one to three months late because "
        "nobody dares to press it. Keep every invoice within one third of its terms, use a "
        "visit and senior management for the chain (not a hold), and give each other customer "
        "the step its cause needs, within your week's time.",
        ["inertial-arrears", "one-third", "escalation-ladder", "causes", "act-on-day-one",
         "stop-supply"],
        "Head of credit control at a food distributor", 10, 240, 66,
        {"cash": "0.00", "dso_days": 60, "bad_debt_max": "3000.00"},
        {"cash": 35, "dso": 20, "bad_debt": 15, "relationship": 30}, c,
        cast_for(c, {"C1": {"contact": "Ms Grant, head buyer", "relationship": 80},
                     "C3": {"dispute": dispute_for("C3", 3, 40000, 20000)},
                     "C5": {"debtor_pays": day(START + datetime.timedelta(days=40))}})))
    return out


def main():
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "scenarios")
    os.makedirs(folder, exist_ok=True)
    for n, s in enumerate(all_scenarios(), 1):
        path = os.path.join(folder, f"{n:02d}-{s['id']}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(s, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(path)


if __name__ == "__main__":
    main()
