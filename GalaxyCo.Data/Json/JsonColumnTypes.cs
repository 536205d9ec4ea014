namespace GalaxyCo.Data.Json;

// Typed shapes of the seed's jsonb columns. Each is stored as jsonb through JsonbConversion.

/// <summary>workspaces.settings: UI preferences and feature flags.</summary>
public sealed class WorkspaceSettings
{
    public Dictionary<string, bool> FeatureFlags { get; set; } = [];
    public string? AccentColor { get; set; }
    public string? DefaultCurrency { get; set; }
    public string? TimeZone { get; set; }
    /// <summary>The CRM's lead scoring weights; null means the built-in defaults.</summary>
    public LeadScoringWeights? LeadScoring { get; set; }
    /// <summary>The workspace's OpenAI-compatible AI provider; its API key is in encrypted_api_keys["ai"]. Null: none.</summary>
    public AiProviderSettings? AiProvider { get; set; }
}

/// <summary>workspaces.settings.aiProvider: an OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM...).</summary>
public sealed class AiProviderSettings
{
    /// <summary>Base URL of the OpenAI-protocol API, e.g. https://api.openai.com/v1.</summary>
    public string BaseUrl { get; set; } = "";
    /// <summary>Chat model for answers and summaries; null: no chat.</summary>
    public string? ChatModel { get; set; }
    /// <summary>Embedding model; null: the built-in local all-MiniLM-L6-v2.</summary>
    public string? EmbeddingModel { get; set; }
}

/// <summary>
/// workspaces.settings.leadScoring: the most points each factor of a prospect's score can give (normalised so they add
/// up to 100) and how each factor's values earn a share of them, in percent.
/// </summary>
public sealed class LeadScoringWeights
{
    public int Source { get; set; }
    public int Seniority { get; set; }
    public int CompanySize { get; set; }
    public int Engagement { get; set; }
    public int Value { get; set; }
    /// <summary>Source value (lower case) to the percent of the source points it earns.</summary>
    public Dictionary<string, int> SourceShares { get; set; } = [];
    /// <summary>Percent of the source points for a source not in <see cref="SourceShares"/>.</summary>
    public int OtherSourceShare { get; set; }
    /// <summary>Estimated value bands: from this many cents up, this percent of the value points.</summary>
    public List<LeadScoreValueBand> ValueBands { get; set; } = [];
}

/// <summary>One band of <see cref="LeadScoringWeights.ValueBands"/>.</summary>
public sealed class LeadScoreValueBand
{
    public long MinCents { get; set; }
    public int Share { get; set; }
}

/// <summary>users.preferences.</summary>
public sealed class UserPreferences
{
    /// <summary>light, dark or system.</summary>
    public string Theme { get; set; } = "system";
    public string Language { get; set; } = "en";
    public string TimeZone { get; set; } = "UTC";
    public bool EmailNotifications { get; set; } = true;

    /// <summary>
    /// Per notification category (assignment, mention, reminder, invoice, agent, invitation, webhook, system): "inapp",
    /// "email" (in-app and email) or "off". A category missing here takes its default.
    /// </summary>
    public Dictionary<string, string> NotificationChannels { get; set; } = [];

    /// <summary>Opt-in: one email a day listing unread notifications (when mail is configured).</summary>
    public bool DailyDigest { get; set; }

    /// <summary>When the last digest went out; the next lists only what arrived since.</summary>
    public DateTime? LastDigestAt { get; set; }
}

/// <summary>agents.config.</summary>
public sealed class AgentConfig
{
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public double Temperature { get; set; } = 0.7;
    public string? SystemPrompt { get; set; }
    public List<string> Tools { get; set; } = [];
}

/// <summary>agent_executions.input / output.</summary>
public sealed class ExecutionPayload
{
    public string? Text { get; set; }
    public Dictionary<string, string> Data { get; set; } = [];
}

/// <summary>agent_executions.error.</summary>
public sealed class ExecutionError
{
    public string Message { get; set; } = "";
    public string? Code { get; set; }
    public string? Detail { get; set; }
}

/// <summary>customers.address.</summary>
public sealed class PostalAddress
{
    public string? Street { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? Country { get; set; }
}

/// <summary>tasks.attachments item.</summary>
public sealed class FileAttachment
{
    public string FileName { get; set; } = "";
    public string? Url { get; set; }
    public long Size { get; set; }
    public string? ContentType { get; set; }
}

/// <summary>calendar_events.attendees item.</summary>
public sealed class Attendee
{
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    /// <summary>needs_action, accepted, declined, tentative.</summary>
    public string Status { get; set; } = "needs_action";
}

/// <summary>calendar_events.reminders item.</summary>
public sealed class EventReminder
{
    public int MinutesBefore { get; set; }
    /// <summary>notification or email.</summary>
    public string Method { get; set; } = "notification";
}

/// <summary>invoices.items line.</summary>
public sealed class InvoiceLineItem
{
    public string Description { get; set; } = "";
    /// <summary>Up to 3 decimals.</summary>
    public decimal Quantity { get; set; } = 1;
    /// <summary>Unit price in minor units of the invoice's currency (the name is historical: yen for JPY, fils for KWD).</summary>
    public long UnitPriceCents { get; set; }
    /// <summary>0–100, up to 2 decimals.</summary>
    public decimal DiscountPercent { get; set; }
    /// <summary>0–100, up to 3 decimals.</summary>
    public decimal TaxRatePercent { get; set; }
    /// <summary>The line's net amount (quantity × price less discount), minor units, rounded per line half away from zero. Written by the server.</summary>
    public long Amount { get; set; }
    /// <summary>The line's tax, minor units, rounded per line half away from zero. Written by the server.</summary>
    public long TaxAmount { get; set; }
    /// <summary>The task this line bills, when prefilled from a project.</summary>
    public Guid? TaskId { get; set; }
}

/// <summary>email_threads.participants item.</summary>
public sealed class EmailParticipant
{
    public string Email { get; set; } = "";
    public string? Name { get; set; }
}

/// <summary>One changed field in audit_logs.changes.</summary>
public sealed class FieldChange
{
    public string? Before { get; set; }
    public string? After { get; set; }
}
