-- CreateEnum
CREATE TYPE "IdentityStatus" AS ENUM ('PREHIRE', 'ACTIVE', 'SUSPENDED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "EmploymentType" AS ENUM ('EMPLOYEE', 'CONTRACTOR', 'INTERN', 'TEMPORARY');

-- CreateEnum
CREATE TYPE "PortalRole" AS ENUM ('IDENTITY_ADMIN', 'AUDITOR', 'SECURITY_OFFICER');

-- CreateEnum
CREATE TYPE "ConnectorType" AS ENUM ('LDAP', 'SALESFORCE', 'SCIM', 'MANUAL');

-- CreateEnum
CREATE TYPE "OnDeleteAction" AS ENUM ('DELETE', 'DISABLE', 'UPDATE');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "EntitlementKind" AS ENUM ('GROUP', 'PERMISSION_SET', 'PROFILE', 'LICENSE', 'OTHER');

-- CreateEnum
CREATE TYPE "GrantSource" AS ENUM ('REQUEST', 'BIRTHRIGHT', 'ADMIN', 'RECONCILIATION', 'SEED');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('ACTIVE', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "RequestKind" AS ENUM ('GRANT', 'EXTEND');

-- CreateEnum
CREATE TYPE "StageStatus" AS ENUM ('WAITING', 'PENDING', 'APPROVED', 'DENIED', 'SKIPPED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DecisionMode" AS ENUM ('ANY', 'ALL', 'QUORUM');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'SKIPPED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SodSeverity" AS ENUM ('BLOCK', 'MITIGATABLE');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'DISABLED', 'DELETED');

-- CreateEnum
CREATE TYPE "MembershipStatus" AS ENUM ('ADDING', 'ACTIVE', 'REMOVING');

-- CreateEnum
CREATE TYPE "OperationKind" AS ENUM ('CREATE_ACCOUNT', 'UPDATE_ACCOUNT', 'DISABLE_ACCOUNT', 'ENABLE_ACCOUNT', 'DELETE_ACCOUNT', 'ADD_ENTITLEMENT', 'REMOVE_ENTITLEMENT');

-- CreateEnum
CREATE TYPE "OperationStatus" AS ENUM ('PENDING', 'RUNNING', 'RETRYING', 'WAITING', 'SUCCEEDED', 'NOOP', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('ORPHAN_ACCOUNT', 'MISSING_ACCOUNT', 'MISSING_ENTITLEMENT', 'UNMANAGED_ENTITLEMENT', 'ATTRIBUTE_DRIFT', 'DISABLED_MISMATCH');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'RESOLVED', 'IGNORED');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('HR_CSV', 'HR_DATABASE', 'SCIM');

-- CreateTable
CREATE TABLE "Identity" (
    "id" UUID NOT NULL,
    "employeeNumber" TEXT,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "department" TEXT,
    "title" TEXT,
    "location" TEXT,
    "costCenter" TEXT,
    "employmentType" "EmploymentType" NOT NULL DEFAULT 'EMPLOYEE',
    "status" "IdentityStatus" NOT NULL DEFAULT 'ACTIVE',
    "startDate" DATE,
    "endDate" DATE,
    "managerId" UUID,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "origin" TEXT NOT NULL DEFAULT 'ADMIN',
    "terminatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityPortalRole" (
    "identityId" UUID NOT NULL,
    "role" "PortalRole" NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdentityPortalRole_pkey" PRIMARY KEY ("identityId", "role")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "purpose" TEXT NOT NULL DEFAULT 'APPROVERS',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "teamId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("teamId", "identityId")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "connectorType" "ConnectorType" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT,
    "onDelete" "OnDeleteAction" NOT NULL DEFAULT 'DISABLE',
    "onDeleteAttributes" JSONB NOT NULL DEFAULT '{}',
    "attributeMapping" JSONB NOT NULL DEFAULT '{}',
    "accountRules" JSONB NOT NULL DEFAULT '{}',
    "ownerId" UUID,
    "fulfilmentTeamId" UUID,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastTestedAt" TIMESTAMP(3),
    "lastTestResult" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "EntitlementKind" NOT NULL DEFAULT 'GROUP',
    "ownerId" UUID,
    "risk" "RiskLevel" NOT NULL DEFAULT 'LOW',
    "requestable" BOOLEAN NOT NULL DEFAULT true,
    "singleValued" BOOLEAN NOT NULL DEFAULT false,
    "maxDurationDays" INTEGER,
    "approvalPolicyId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerId" UUID,
    "risk" "RiskLevel" NOT NULL DEFAULT 'LOW',
    "requestable" BOOLEAN NOT NULL DEFAULT true,
    "maxDurationDays" INTEGER,
    "approvalPolicyId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleEntitlement" (
    "roleId" UUID NOT NULL,
    "entitlementId" UUID NOT NULL,
    CONSTRAINT "RoleEntitlement_pkey" PRIMARY KEY ("roleId", "entitlementId")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "entitlementId" UUID,
    "roleId" UUID,
    "source" "GrantSource" NOT NULL,
    "sourceRef" TEXT,
    "status" "GrantStatus" NOT NULL DEFAULT 'ACTIVE',
    "startsAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" TIMESTAMP(3),
    "grantedById" UUID,
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,
    "revokeReason" TEXT,
    "notified" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "kind" "RequestKind" NOT NULL DEFAULT 'GRANT',
    "requesterId" UUID NOT NULL,
    "beneficiaryId" UUID NOT NULL,
    "entitlementId" UUID,
    "roleId" UUID,
    "grantId" UUID,
    "justification" TEXT NOT NULL,
    "requestedEndsAt" TIMESTAMP(3),
    "approvedEndsAt" TIMESTAMP(3),
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "idempotencyKey" TEXT,
    "sodEvaluation" JSONB NOT NULL DEFAULT '{}',
    "autoApprovedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalStage" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mode" "DecisionMode" NOT NULL DEFAULT 'ANY',
    "quorum" INTEGER NOT NULL DEFAULT 1,
    "status" "StageStatus" NOT NULL DEFAULT 'WAITING',
    "dueAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApprovalStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" UUID NOT NULL,
    "stageId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "approverId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "comment" TEXT,
    "decidedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApprovalStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "stages" JSONB NOT NULL,
    "defaultForRisk" "RiskLevel",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutoApprovalRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "condition" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AutoApprovalRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" UUID NOT NULL,
    "delegatorId" UUID NOT NULL,
    "delegateId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SodRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" "SodSeverity" NOT NULL DEFAULT 'BLOCK',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SodRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SodRuleItem" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "side" TEXT NOT NULL,
    "entitlementId" UUID,
    "roleId" UUID,
    CONSTRAINT "SodRuleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SodMitigation" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "control" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" UUID,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SodMitigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SodViolation" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "details" JSONB NOT NULL,
    "mitigationId" UUID,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    CONSTRAINT "SodViolation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BirthrightRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "condition" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "BirthrightRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BirthrightRuleGrant" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "entitlementId" UUID,
    "roleId" UUID,
    CONSTRAINT "BirthrightRuleGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "identityId" UUID,
    "username" TEXT NOT NULL,
    "nativeId" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "origin" TEXT NOT NULL DEFAULT 'PROVISIONED',
    "lastProvisionedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountEntitlement" (
    "accountId" UUID NOT NULL,
    "entitlementId" UUID NOT NULL,
    "status" "MembershipStatus" NOT NULL DEFAULT 'ADDING',
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AccountEntitlement_pkey" PRIMARY KEY ("accountId", "entitlementId")
);

-- CreateTable
CREATE TABLE "ProvisioningOperation" (
    "id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "applicationId" UUID NOT NULL,
    "accountId" UUID,
    "identityId" UUID,
    "entitlementId" UUID,
    "kind" "OperationKind" NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "OperationStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT NOT NULL,
    "causeRef" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "errorKind" TEXT,
    "lastError" TEXT,
    "jobId" TEXT,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "ProvisioningOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FulfilmentTask" (
    "id" UUID NOT NULL,
    "operationId" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "teamId" UUID,
    "assigneeId" UUID,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "instructions" TEXT NOT NULL DEFAULT '',
    "targetId" TEXT,
    "failureReason" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "completedById" UUID,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FulfilmentTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "stats" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationFinding" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "accountId" UUID,
    "entitlementId" UUID,
    "nativeId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReconciliationFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentitySource" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT,
    "schedule" TEXT,
    "precedence" INTEGER NOT NULL DEFAULT 100,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "IdentitySource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceRun" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "trigger" TEXT NOT NULL DEFAULT 'MANUAL',
    "fileName" TEXT,
    "stats" JSONB NOT NULL DEFAULT '{}',
    "report" JSONB NOT NULL DEFAULT '[]',
    "heldReason" TEXT,
    "confirmedById" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "SourceRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceRecord" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "identityId" UUID,
    "data" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SourceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrelationCase" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "candidateIds" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "resolvedIdentityId" UUID,
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CorrelationCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttributeConflict" (
    "id" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "attribute" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AttributeConflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "sourceId" UUID,
    "createdById" UUID,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "memberIds" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorType" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "subjectId" UUID,
    "before" JSONB,
    "after" JSONB,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "workerId" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("workerId")
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SystemSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Identity_employeeNumber_key" ON "Identity"("employeeNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_username_key" ON "Identity"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_email_key" ON "Identity"("email");

-- CreateIndex
CREATE INDEX "Identity_managerId_idx" ON "Identity"("managerId");

-- CreateIndex
CREATE INDEX "Identity_department_idx" ON "Identity"("department");

-- CreateIndex
CREATE INDEX "Identity_status_idx" ON "Identity"("status");

-- CreateIndex
CREATE INDEX "Identity_lastName_firstName_idx" ON "Identity"("lastName", "firstName");

-- CreateIndex
CREATE UNIQUE INDEX "Team_key_key" ON "Team"("key");

-- CreateIndex
CREATE INDEX "TeamMember_identityId_idx" ON "TeamMember"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_key_key" ON "Application"("key");

-- CreateIndex
CREATE INDEX "Entitlement_ownerId_idx" ON "Entitlement"("ownerId");

-- CreateIndex
CREATE INDEX "Entitlement_name_idx" ON "Entitlement"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Entitlement_applicationId_externalId_key" ON "Entitlement"("applicationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Role_key_key" ON "Role"("key");

-- CreateIndex
CREATE INDEX "RoleEntitlement_entitlementId_idx" ON "RoleEntitlement"("entitlementId");

-- CreateIndex
CREATE INDEX "Grant_identityId_status_idx" ON "Grant"("identityId", "status");

-- CreateIndex
CREATE INDEX "Grant_entitlementId_status_idx" ON "Grant"("entitlementId", "status");

-- CreateIndex
CREATE INDEX "Grant_roleId_status_idx" ON "Grant"("roleId", "status");

-- CreateIndex
CREATE INDEX "Grant_status_endsAt_idx" ON "Grant"("status", "endsAt");

-- CreateIndex
CREATE INDEX "Grant_source_sourceRef_idx" ON "Grant"("source", "sourceRef");

-- CreateIndex
CREATE INDEX "AccessRequest_beneficiaryId_status_idx" ON "AccessRequest"("beneficiaryId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_requesterId_createdAt_idx" ON "AccessRequest"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_batchId_idx" ON "AccessRequest"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_requesterId_idempotencyKey_key" ON "AccessRequest"("requesterId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "ApprovalStage_status_dueAt_idx" ON "ApprovalStage"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStage_requestId_position_key" ON "ApprovalStage"("requestId", "position");

-- CreateIndex
CREATE INDEX "ApprovalStep_approverId_status_idx" ON "ApprovalStep"("approverId", "status");

-- CreateIndex
CREATE INDEX "ApprovalStep_requestId_idx" ON "ApprovalStep"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_stageId_approverId_key" ON "ApprovalStep"("stageId", "approverId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalPolicy_key_key" ON "ApprovalPolicy"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalPolicy_defaultForRisk_key" ON "ApprovalPolicy"("defaultForRisk");

-- CreateIndex
CREATE INDEX "Delegation_delegatorId_startsAt_endsAt_idx" ON "Delegation"("delegatorId", "startsAt", "endsAt");

-- CreateIndex
CREATE INDEX "Delegation_delegateId_idx" ON "Delegation"("delegateId");

-- CreateIndex
CREATE INDEX "SodRuleItem_ruleId_idx" ON "SodRuleItem"("ruleId");

-- CreateIndex
CREATE INDEX "SodRuleItem_entitlementId_idx" ON "SodRuleItem"("entitlementId");

-- CreateIndex
CREATE INDEX "SodRuleItem_roleId_idx" ON "SodRuleItem"("roleId");

-- CreateIndex
CREATE INDEX "SodMitigation_identityId_ruleId_idx" ON "SodMitigation"("identityId", "ruleId");

-- CreateIndex
CREATE INDEX "SodMitigation_expiresAt_idx" ON "SodMitigation"("expiresAt");

-- CreateIndex
CREATE INDEX "SodViolation_ruleId_identityId_idx" ON "SodViolation"("ruleId", "identityId");

-- CreateIndex
CREATE INDEX "SodViolation_resolvedAt_idx" ON "SodViolation"("resolvedAt");

-- CreateIndex
CREATE INDEX "BirthrightRuleGrant_ruleId_idx" ON "BirthrightRuleGrant"("ruleId");

-- CreateIndex
CREATE INDEX "Account_identityId_idx" ON "Account"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_applicationId_identityId_key" ON "Account"("applicationId", "identityId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_applicationId_username_key" ON "Account"("applicationId", "username");

-- CreateIndex
CREATE UNIQUE INDEX "Account_applicationId_nativeId_key" ON "Account"("applicationId", "nativeId");

-- CreateIndex
CREATE INDEX "AccountEntitlement_entitlementId_idx" ON "AccountEntitlement"("entitlementId");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_applicationId_status_idx" ON "ProvisioningOperation"("applicationId", "status");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_identityId_createdAt_idx" ON "ProvisioningOperation"("identityId", "createdAt");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_accountId_sequence_idx" ON "ProvisioningOperation"("accountId", "sequence");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_status_createdAt_idx" ON "ProvisioningOperation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_causeRef_idx" ON "ProvisioningOperation"("causeRef");

-- CreateIndex
CREATE UNIQUE INDEX "FulfilmentTask_operationId_key" ON "FulfilmentTask"("operationId");

-- CreateIndex
CREATE INDEX "FulfilmentTask_status_dueAt_idx" ON "FulfilmentTask"("status", "dueAt");

-- CreateIndex
CREATE INDEX "FulfilmentTask_teamId_status_idx" ON "FulfilmentTask"("teamId", "status");

-- CreateIndex
CREATE INDEX "ReconciliationRun_applicationId_startedAt_idx" ON "ReconciliationRun"("applicationId", "startedAt");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_applicationId_status_idx" ON "ReconciliationFinding"("applicationId", "status");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_runId_idx" ON "ReconciliationFinding"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentitySource_key_key" ON "IdentitySource"("key");

-- CreateIndex
CREATE INDEX "SourceRun_sourceId_startedAt_idx" ON "SourceRun"("sourceId", "startedAt");

-- CreateIndex
CREATE INDEX "SourceRecord_identityId_idx" ON "SourceRecord"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "SourceRecord_sourceId_externalId_key" ON "SourceRecord"("sourceId", "externalId");

-- CreateIndex
CREATE INDEX "CorrelationCase_status_idx" ON "CorrelationCase"("status");

-- CreateIndex
CREATE INDEX "AttributeConflict_status_idx" ON "AttributeConflict"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_tokenHash_key" ON "ScimToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_displayName_key" ON "ScimGroup"("displayName");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectId_occurredAt_idx" ON "AuditEvent"("subjectId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_idx" ON "AuditEvent"("actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt");

-- CreateIndex
CREATE INDEX "Notification_recipientId_readAt_idx" ON "Notification"("recipientId", "readAt");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityPortalRole" ADD CONSTRAINT "IdentityPortalRole_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_fulfilmentTeamId_fkey" FOREIGN KEY ("fulfilmentTeamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_approvalPolicyId_fkey" FOREIGN KEY ("approvalPolicyId") REFERENCES "ApprovalPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_approvalPolicyId_fkey" FOREIGN KEY ("approvalPolicyId") REFERENCES "ApprovalPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleEntitlement" ADD CONSTRAINT "RoleEntitlement_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleEntitlement" ADD CONSTRAINT "RoleEntitlement_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStage" ADD CONSTRAINT "ApprovalStage_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "ApprovalStage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AccessRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_delegatorId_fkey" FOREIGN KEY ("delegatorId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodRuleItem" ADD CONSTRAINT "SodRuleItem_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "SodRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodRuleItem" ADD CONSTRAINT "SodRuleItem_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodRuleItem" ADD CONSTRAINT "SodRuleItem_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodMitigation" ADD CONSTRAINT "SodMitigation_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "SodRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodMitigation" ADD CONSTRAINT "SodMitigation_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodViolation" ADD CONSTRAINT "SodViolation_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "SodRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SodViolation" ADD CONSTRAINT "SodViolation_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BirthrightRuleGrant" ADD CONSTRAINT "BirthrightRuleGrant_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "BirthrightRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BirthrightRuleGrant" ADD CONSTRAINT "BirthrightRuleGrant_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BirthrightRuleGrant" ADD CONSTRAINT "BirthrightRuleGrant_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountEntitlement" ADD CONSTRAINT "AccountEntitlement_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountEntitlement" ADD CONSTRAINT "AccountEntitlement_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningOperation" ADD CONSTRAINT "ProvisioningOperation_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningOperation" ADD CONSTRAINT "ProvisioningOperation_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningOperation" ADD CONSTRAINT "ProvisioningOperation_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningOperation" ADD CONSTRAINT "ProvisioningOperation_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfilmentTask" ADD CONSTRAINT "FulfilmentTask_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "ProvisioningOperation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfilmentTask" ADD CONSTRAINT "FulfilmentTask_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfilmentTask" ADD CONSTRAINT "FulfilmentTask_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FulfilmentTask" ADD CONSTRAINT "FulfilmentTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationRun" ADD CONSTRAINT "ReconciliationRun_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceRun" ADD CONSTRAINT "SourceRun_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceRecord" ADD CONSTRAINT "SourceRecord_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceRecord" ADD CONSTRAINT "SourceRecord_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrelationCase" ADD CONSTRAINT "CorrelationCase_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeConflict" ADD CONSTRAINT "AttributeConflict_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Guarantees only SQL can express. Their names start with db_, which the schema drift check skips.
ALTER TABLE "Grant" ADD CONSTRAINT "db_grant_one_target" CHECK (num_nonnulls("entitlementId", "roleId") = 1);
ALTER TABLE "AccessRequest" ADD CONSTRAINT "db_request_one_target" CHECK (num_nonnulls("entitlementId", "roleId") = 1);
ALTER TABLE "SodRuleItem" ADD CONSTRAINT "db_sod_item_one_target" CHECK (num_nonnulls("entitlementId", "roleId") = 1);
ALTER TABLE "SodRuleItem" ADD CONSTRAINT "db_sod_item_side" CHECK ("side" IN ('A', 'B'));
ALTER TABLE "BirthrightRuleGrant" ADD CONSTRAINT "db_birthright_grant_one_target" CHECK (num_nonnulls("entitlementId", "roleId") = 1);
ALTER TABLE "ApprovalStage" ADD CONSTRAINT "db_stage_quorum_positive" CHECK ("quorum" >= 1);
ALTER TABLE "Application" ADD CONSTRAINT "db_application_concurrency" CHECK ("concurrency" BETWEEN 1 AND 64);

-- One active grant per person, target and cause: a retried approval cannot grant twice.
CREATE UNIQUE INDEX "db_grant_active_unique" ON "Grant" ("identityId", COALESCE("entitlementId", "roleId"), "source", COALESCE("sourceRef", ''))
  WHERE "status" = 'ACTIVE';

-- One pending request per person and item: two people asking for Alice at once make one request.
CREATE UNIQUE INDEX "db_request_pending_unique" ON "AccessRequest" ("beneficiaryId", COALESCE("entitlementId", "roleId"), "kind")
  WHERE "status" = 'PENDING';

-- The audit trail is append-only.
CREATE FUNCTION "db_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only';
END;
$$;
CREATE TRIGGER "db_audit_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "db_audit_append_only"();
