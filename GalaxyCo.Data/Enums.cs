using NpgsqlTypes;

namespace GalaxyCo.Data;

// Every enum the seed names, mapped to a PostgreSQL enum of the same labels (see GalaxyDbContext.MapEnums).
// Npgsql translates PascalCase members to snake_case labels; [PgName] covers the labels that are not snake_case.

public enum UserRole { Owner, Admin, Member, Viewer, SystemAdmin }

public enum SubscriptionTier { Free, Starter, Professional, Enterprise }

public enum AgentType
{
    Scope, Call, Email, Note, Task, Roadmap, Content, Custom, Browser,
    [PgName("cross-app")] CrossApp,
    Knowledge, Sales, Trending, Research, Meeting, Code, Data, Security,
}

public enum AgentStatus { Draft, Active, Paused, Archived }

public enum ExecutionStatus { Pending, Running, Completed, Failed, Cancelled }

public enum KnowledgeItemType { Document, Url, Image, Text }

public enum KnowledgeItemStatus { Processing, Ready, Failed }

public enum CustomerStatus { Lead, Active, Inactive, Churned }

public enum ProjectStatus { Planning, InProgress, OnHold, Completed, Cancelled }

public enum ProspectStage { New, Contacted, Qualified, Proposal, Negotiation, Won, Lost }

public enum WorkTaskStatus { Todo, InProgress, Done, Cancelled }

public enum TaskPriority { Low, Medium, High, Urgent }

public enum InvoiceStatus { Draft, Sent, Paid, Overdue, Cancelled }

public enum NotificationType { Info, Success, Warning, Error, Mention, Assignment, Reminder, System }
