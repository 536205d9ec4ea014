using GalaxyCo.Data;
using GalaxyCo.Data.Agents;
using GalaxyCo.Data.Crm;
using GalaxyCo.Data.Json;

namespace GalaxyCo.Domain.Seeding;

/// <summary>
/// Six agents of different types and statuses, a month of runs for the ones that have been live (mostly completed,
/// some failed, with durations, tokens and cost), and two schedules. Counters on each agent match its runs.
/// </summary>
internal static class DemoAgents
{
    private sealed record Blueprint(string Name, AgentType Type, AgentStatus Status, string Model, double Temperature, string Description, string Prompt, string[] Tools, int Runs);

    private static readonly Blueprint[] Blueprints =
    [
        new("Lead Qualifier", AgentType.Sales, AgentStatus.Active, "gpt-4o-mini", 0.2,
            "Scores new prospects against our ideal customer profile and drafts a first touch.",
            "You qualify B2B leads for GalaxyCo. Score each prospect 0-100 against the ICP (50-1000 employees, ops-heavy teams), explain the score in two sentences and suggest one next step.",
            ["crm.read", "crm.update_prospect", "web.search"], 10),
        new("Inbox Triage", AgentType.Email, AgentStatus.Active, "gpt-4o-mini", 0.3,
            "Labels incoming email, flags what needs a reply today and turns requests into tasks.",
            "You triage a shared sales inbox. Label each thread (customer, billing, support, sales), mark urgent ones and create a task for every explicit request.",
            ["inbox.read", "inbox.label", "tasks.create"], 8),
        new("Meeting Notes", AgentType.Meeting, AgentStatus.Active, "gpt-4o", 0.4,
            "Turns meeting transcripts into notes, decisions and follow-up tasks.",
            "Summarise the meeting in five bullets, list decisions and owners, and propose follow-up tasks with due dates.",
            ["calendar.read", "knowledge.create", "tasks.create"], 6),
        new("Knowledge Assistant", AgentType.Knowledge, AgentStatus.Paused, "gpt-4o-mini", 0.1,
            "Answers questions from the Sales Playbook and Product Docs collections, with citations.",
            "Answer only from the provided knowledge excerpts and cite the item titles. Say so when the answer is not in the library.",
            ["knowledge.search"], 4),
        new("Market Researcher", AgentType.Research, AgentStatus.Archived, "gpt-4o", 0.6,
            "Weekly digest of competitor launches and pricing changes (retired after the Q3 review).",
            "Research the listed competitors and report launches, pricing changes and notable hires from the past week.",
            ["web.search", "knowledge.create"], 3),
        new("Blog Writer", AgentType.Content, AgentStatus.Draft, "gpt-4o", 0.8,
            "Drafts blog posts from an outline in the GalaxyCo voice. Still being tuned.",
            "Write a 900-word blog post from the outline, in a friendly, practical voice, with a clear call to action.",
            [], 0),
    ];

    private static readonly (string Message, string Code)[] Failures =
    [
        ("The model provider timed out after 30 s.", "provider_timeout"),
        ("Rate limit reached for the workspace API key; retry later.", "rate_limited"),
        ("The prospect record changed while the agent was running.", "conflict"),
    ];

    public static void Build(DemoData d)
    {
        foreach (var blueprint in Blueprints)
        {
            var agent = new Agent
            {
                WorkspaceId = d.WorkspaceId,
                Name = blueprint.Name,
                Description = blueprint.Description,
                Type = blueprint.Type,
                Status = blueprint.Status,
                Config = new AgentConfig
                {
                    Provider = "openai",
                    Model = blueprint.Model,
                    Temperature = blueprint.Temperature,
                    SystemPrompt = blueprint.Prompt,
                    Tools = [.. blueprint.Tools],
                },
                IsCustom = true,
                CreatedBy = d.Random.Bool(0.6f) ? d.Owner.UserId : d.Admin.UserId,
                CreatedAt = d.AgoBetween(120, 40),
            };
            d.Agents.Add(agent);
            BuildRuns(d, agent, blueprint);
        }

        BuildSchedules(d);
    }

    private static void BuildRuns(DemoData d, Agent agent, Blueprint blueprint)
    {
        // Archived and paused agents stopped running a while ago.
        var (fromDays, toDays) = blueprint.Status switch
        {
            AgentStatus.Archived => (60.0, 35.0),
            AgentStatus.Paused => (30.0, 12.0),
            _ => (28.0, 0.1),
        };
        var centsPerThousandTokens = blueprint.Model == "gpt-4o" ? 1.0 : 0.15;
        for (var i = 0; i < blueprint.Runs; i++)
        {
            var started = d.AgoBetween(fromDays, toDays);
            var failed = d.Random.Bool(0.18f);
            var duration = failed ? d.Random.Int(800, 30_000) : d.Random.Int(1_200, 45_000);
            var tokens = failed ? d.Random.Int(0, 1_500) : d.Random.Int(400, 12_000);
            var (input, output) = Payloads(d, blueprint.Type);
            var failure = d.Random.ArrayElement(Failures);
            d.Executions.Add(new AgentExecution
            {
                WorkspaceId = d.WorkspaceId,
                AgentId = agent.Id,
                TriggeredBy = d.Random.Bool(0.5f) ? d.PickDoer().UserId : null,
                Status = failed ? ExecutionStatus.Failed : ExecutionStatus.Completed,
                Input = input,
                Output = failed ? null : output,
                Error = failed ? new ExecutionError { Message = failure.Message, Code = failure.Code } : null,
                DurationMs = duration,
                TokensUsed = tokens,
                // Cents, rounded up: a run that used tokens was never free.
                Cost = tokens == 0 ? 0 : (long)Math.Ceiling(tokens * centsPerThousandTokens / 1000),
                StartedAt = started,
                CompletedAt = started.AddMilliseconds(duration),
                CreatedAt = started.AddMilliseconds(-d.Random.Int(50, 900)),
            });
        }

        var runs = d.Executions.Where(e => e.AgentId == agent.Id).ToList();
        agent.ExecutionCount = runs.Count;
        agent.LastExecutedAt = runs.Count == 0 ? null : runs.Max(e => e.StartedAt);
        if (runs.Count > 0 && runs.Min(e => e.CreatedAt) < agent.CreatedAt) agent.CreatedAt = runs.Min(e => e.CreatedAt).AddDays(-d.Random.Int(1, 10));
    }

    private static (ExecutionPayload Input, ExecutionPayload Output) Payloads(DemoData d, AgentType type)
    {
        switch (type)
        {
            case AgentType.Sales:
                var prospect = d.Random.ListItem(d.Prospects);
                var score = d.Random.Int(20, 95);
                return (new() { Text = $"Qualify {prospect.Name} ({prospect.Company}).", Data = new() { ["prospect_id"] = prospect.Id.ToString() } },
                        new() { Text = $"Scored {score}/100: {(score >= 60 ? "good fit, ops-heavy team with budget this quarter" : "small team, revisit in six months")}.", Data = new() { ["score"] = score.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            case AgentType.Email:
                var labelled = d.Random.Int(3, 18);
                return (new() { Text = "Triage new messages in the shared inbox." },
                        new() { Text = $"Labelled {labelled} threads, flagged {d.Random.Int(0, 3)} as urgent, created {d.Random.Int(0, 4)} tasks.", Data = new() { ["labelled"] = labelled.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            case AgentType.Meeting:
                var meeting = d.Random.ListItem(d.Events);
                return (new() { Text = $"Summarise \"{meeting.Title}\".", Data = new() { ["event_id"] = meeting.Id.ToString() } },
                        new() { Text = "Notes saved to the knowledge library with 3 decisions and 4 follow-up tasks." });
            case AgentType.Knowledge:
                return (new() { Text = "What discount can I offer on a two-year Professional plan?" },
                        new() { Text = "Up to 15% on a two-year prepaid Professional plan; more needs CEO approval (Pricing & packaging)." });
            default:
                return (new() { Text = "Weekly competitor digest." },
                        new() { Text = "Two launches and one price change this week; details saved to Product Docs." });
        }
    }

    private static void BuildSchedules(DemoData d)
    {
        var qualifier = d.Agents.Single(a => a.Name == "Lead Qualifier");
        var notes = d.Agents.Single(a => a.Name == "Meeting Notes");
        var today = DemoClock.LocalToday(d.Now);

        // Weekdays at 08:00 Chicago: the next run is the next weekday 08:00 still ahead, the last one the latest behind.
        var next = DemoClock.ToUtc(DemoClock.Weekday(today), 8);
        if (next <= d.Now) next = DemoClock.ToUtc(DemoClock.Weekday(today.AddDays(1)), 8);
        var last = today;
        while (last.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || DemoClock.ToUtc(last, 8) > d.Now) last = last.AddDays(-1);

        d.Schedules.Add(new AgentSchedule
        {
            WorkspaceId = d.WorkspaceId,
            AgentId = qualifier.Id,
            TriggerType = "scheduled",
            Cron = "0 8 * * 1-5",
            Timezone = DemoClock.TimeZoneId,
            Enabled = true,
            NextRunAt = next,
            LastRunAt = DemoClock.ToUtc(last, 8),
            LastRunStatus = "completed",
            CreatedAt = qualifier.CreatedAt.AddHours(1),
        });
        d.Schedules.Add(new AgentSchedule
        {
            WorkspaceId = d.WorkspaceId,
            AgentId = notes.Id,
            TriggerType = "scheduled",
            Cron = "30 17 * * 5",
            Timezone = DemoClock.TimeZoneId,
            // Switched off while the team tries manual runs; no next run while disabled.
            Enabled = false,
            NextRunAt = null,
            LastRunAt = DemoClock.ToUtc(DemoClock.OnOrBefore(today.AddDays(-7), DayOfWeek.Friday), 17.5),
            LastRunStatus = "failed",
            CreatedAt = notes.CreatedAt.AddDays(2),
        });
    }
}
