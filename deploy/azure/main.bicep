// SEND guide bot: everything it needs in one resource group.
//   - Azure Bot (Microsoft.BotService) with the Teams and Direct Line / Web Chat channels
//   - Linux App Service plan and web app running the Node 20 bot (npm start)
//   - Storage account with private blob containers for conversation state,
//     transcripts and documents such as the hand-off outbox (STORAGE=blob)
//   - optionally a user-assigned managed identity as the bot's identity, and CPU autoscale
// Deploy: az deployment group create -g <group> -f deploy/azure/main.bicep -p @main.parameters.json
// See deploy/README.md for the whole procedure.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------- naming and placement

@description('Short name for this deployment (lower-case letters, digits and hyphens, e.g. send-guide). Resource names are derived from it.')
@minLength(3)
@maxLength(20)
param baseName string

@description('Azure region for the App Service plan, web app and storage account, e.g. uksouth. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Name of the web app. It becomes <name>.azurewebsites.net, so it must be unique across Azure; the default adds a suffix derived from the resource group.')
@minLength(2)
@maxLength(60)
param webAppName string = '${baseName}-${take(uniqueString(resourceGroup().id), 6)}'

@description('Name of the Azure Bot resource (the bot handle). Must be unique across Azure.')
@minLength(4)
@maxLength(42)
param botName string = 'bot-${baseName}-${take(uniqueString(resourceGroup().id), 6)}'

@description('Where the Azure Bot resource keeps and processes channel data: global, or westeurope to keep it within the EU. With westeurope, Direct Line and Web Chat clients must use https://europe.directline.botframework.com.')
@allowed([
  'global'
  'westeurope'
])
param botLocation string = 'global'

@description('Tags put on every resource, e.g. { "service": "send-guide", "costCentre": "..." }.')
param tags object = {}

// ---------------------------------------------------------------- bot identity

@description('How the bot proves who it is to the Bot Framework. SingleTenant: an Entra app registration with a client secret (microsoftAppId and microsoftAppPassword). UserAssignedMSI: a managed identity this template creates and attaches to the web app, so there is no secret to store or rotate.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param microsoftAppType string = 'SingleTenant'

@description('Application (client) ID of the Entra app registration. Required for SingleTenant; ignored for UserAssignedMSI, where the managed identity\'s client ID is used.')
param microsoftAppId string = ''

@description('Client secret of the Entra app registration. Required for SingleTenant; leave empty for UserAssignedMSI.')
@secure()
param microsoftAppPassword string = ''

@description('Directory (tenant) ID that owns the bot identity. Defaults to the tenant of this deployment.')
param microsoftAppTenantId string = tenant().tenantId

@description('Name shown for the bot in the Azure portal and in channels that show one.')
@maxLength(64)
param botDisplayName string = 'SEND support guide'

@description('Azure Bot pricing tier: F0 (free, no service level agreement) or S1 (standard).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Web origins allowed to start Direct Line conversations, e.g. [ "https://www.example.gov.uk" ]. When set, Direct Line enhanced authentication is switched on, so a token only works from these sites.')
param webChatTrustedOrigins array = []

// ---------------------------------------------------------------- hosting and scale

@description('App Service plan tier. Standard (S) and Premium v3 (P*v3) tiers can scale out and autoscale; Basic and Free cannot, so they are not offered.')
@allowed([
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param appServicePlanSku string = 'P0v3'

@description('Number of instances the plan runs. At least 2, so one instance can restart or be replaced while the other serves; any instance can carry any conversation because state is in blob storage.')
@minValue(2)
@maxValue(30)
param instanceCount int = 2

@description('Add a CPU-based autoscale rule that adds an instance above 70% average CPU and removes one below 30%, between instanceCount and autoscaleMaxInstances.')
param enableAutoscale bool = false

@description('Upper limit for autoscale. Must be at least instanceCount. Ignored unless enableAutoscale is true.')
@minValue(2)
@maxValue(30)
param autoscaleMaxInstances int = 6

@description('Startup command for the web app. npm start compiles (prestart) and runs dist/src/index.js; the deployed package must therefore include the dev dependencies (TypeScript).')
param startupCommand string = 'npm start'

// ---------------------------------------------------------------- storage

@description('Storage account redundancy. Standard_ZRS keeps copies in three availability zones of the region; Standard_LRS is cheaper and stays in one datacentre.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Base name of the blob containers (AZURE_STORAGE_CONTAINER). The app keeps state, transcripts and documents (the hand-off outbox) in <base>-state, <base>-transcripts and <base>-documents. Lower-case letters, digits and single hyphens.')
@minLength(3)
@maxLength(51)
param storageContainerBase string = 'send-guide-bot'

@description('Days a deleted blob can still be recovered (blob soft delete); 0 turns it off. Deleted conversations stay recoverable for this long after RETENTION_DAYS removes them, so keep it short.')
@minValue(0)
@maxValue(365)
param blobSoftDeleteDays int = 7

// ---------------------------------------------------------------- application settings

@description('Local content pack used until a parent names their area (DEFAULT_AREA).')
param defaultArea string = 'lincolnshire'

@description('How many days the app keeps transcripts and hand-off records before deleting them (RETENTION_DAYS). Agree this with the council\'s data protection officer.')
@minValue(1)
@maxValue(3650)
param retentionDays int = 30

@description('Public base URL of the bot (PUBLIC_URL), e.g. https://send-guide.example.gov.uk when a custom domain is bound. Empty means https://<web app default host name>.')
param publicUrl string = ''

@description('pino log level (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('URL that hand-off records are POSTed to (HANDOFF_WEBHOOK_URL). Secure because such URLs often carry an access key. Empty turns webhook delivery off.')
@secure()
param handoffWebhookUrl string = ''

@description('Shared secret for the X-Signature HMAC-SHA256 on webhook deliveries (HANDOFF_WEBHOOK_SECRET).')
@secure()
param handoffWebhookSecret string = ''

@description('SMTP server for e-mailed hand-offs, as a smtp:// or smtps:// URL that includes the user name and password (SMTP_URL). Secure because it holds the password. Empty turns e-mail delivery off.')
@secure()
param smtpUrl string = ''

@description('Address that e-mailed hand-offs go to, e.g. the advisers\' shared mailbox (HANDOFF_EMAIL_TO).')
param handoffEmailTo string = ''

@description('Sender address for e-mailed hand-offs (HANDOFF_EMAIL_FROM); the SMTP server must allow it. Empty means HANDOFF_EMAIL_TO.')
param handoffEmailFrom string = ''

@description('Conversation id of the advisers\' Teams channel for hand-off cards, 19:...@thread.tacv2 (ADVISER_TEAMS_CONVERSATION_ID). The app must be added to that team first. Empty turns Teams delivery off.')
param adviserTeamsConversationId string = ''

@description('Teams service URL for the advisers\' tenant (ADVISER_TEAMS_SERVICE_URL), e.g. https://smba.trafficmanager.net/emea/. Required with adviserTeamsConversationId.')
param adviserTeamsServiceUrl string = ''

@description('Tenant of the advisers\' team (ADVISER_TEAMS_TENANT_ID). Empty means microsoftAppTenantId.')
param adviserTeamsTenantId string = ''

@description('Requests per minute the app accepts from one client address (RATE_LIMIT_PER_MINUTE), and half that per conversation. Behind App Service and the Bot Framework every request arrives from a few platform addresses, so this is in effect a per-instance ceiling on all traffic: set it for the busiest minute expected, not for one parent.')
@minValue(60)
@maxValue(60000)
param rateLimitPerMinute int = 600

// ---------------------------------------------------------------- derived names and values

var isMsi = microsoftAppType == 'UserAssignedMSI'
var planName = 'plan-${baseName}'
var identityName = 'id-${baseName}'
// Storage account names allow only 3-24 lower-case letters and digits, unique across Azure.
var storageAccountName = toLower('st${take(replace(baseName, '-', ''), 9)}${uniqueString(resourceGroup().id, baseName)}')

// ---------------------------------------------------------------- identity (UserAssignedMSI only)

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (isMsi) {
  name: identityName
  location: location
  tags: tags
}

var botAppId = isMsi ? botIdentity.properties.clientId : microsoftAppId

// ---------------------------------------------------------------- storage

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    // Nothing in this account is ever meant to be read anonymously.
    allowBlobPublicAccess: false
    // The app connects with a connection string that carries an account key.
    allowSharedKeyAccess: true
    allowCrossTenantReplication: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: blobSoftDeleteDays > 0 ? {
      enabled: true
      days: blobSoftDeleteDays
    } : {
      enabled: false
    }
  }
}

// The app needs three containers (state and transcript blob names would collide in one);
// it could create them itself, but creating them here keeps them private from the start.
resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for suffix in [
  'state'
  'transcripts'
  'documents'
]: {
  parent: blobService
  name: '${storageContainerBase}-${suffix}'
  properties: {
    publicAccess: 'None'
  }
}]

// ---------------------------------------------------------------- App Service

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    // reserved: true is what makes a plan Linux.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: isMsi ? {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${botIdentity.id}': {}
    }
  } : {
    type: 'None'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: conversation state lives in blob storage, so any
    // instance can take any turn and the load balancer can spread them freely.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: startupCommand
      // Keeps the process warm so a parent's first message does not wait for a cold start.
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // App Service takes an instance out of the load balancer while /health fails (503 when storage is down).
      healthCheckPath: '/health'
    }
  }
}

var defaultHostName = site.properties.defaultHostName
var messagingEndpoint = 'https://${defaultHostName}/api/messages'
var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

// Every variable the app needs in production; the others keep the app's defaults
// (see .env.example). Empty ones are dropped below: the app treats a blank
// variable as unset anyway, and the portal then lists only what is in use.
var appSettings = {
  NODE_ENV: 'production'
  STORAGE: 'blob'
  AZURE_STORAGE_CONNECTION_STRING: storageConnectionString
  AZURE_STORAGE_CONTAINER: storageContainerBase
  MicrosoftAppType: microsoftAppType
  MicrosoftAppId: botAppId
  MicrosoftAppPassword: isMsi ? '' : microsoftAppPassword
  MicrosoftAppTenantId: microsoftAppTenantId
  DEFAULT_AREA: defaultArea
  RETENTION_DAYS: string(retentionDays)
  PUBLIC_URL: empty(publicUrl) ? 'https://${defaultHostName}' : publicUrl
  LOG_LEVEL: logLevel
  HANDOFF_WEBHOOK_URL: handoffWebhookUrl
  HANDOFF_WEBHOOK_SECRET: handoffWebhookSecret
  SMTP_URL: smtpUrl
  HANDOFF_EMAIL_TO: handoffEmailTo
  HANDOFF_EMAIL_FROM: handoffEmailFrom
  ADVISER_TEAMS_CONVERSATION_ID: adviserTeamsConversationId
  ADVISER_TEAMS_SERVICE_URL: adviserTeamsServiceUrl
  ADVISER_TEAMS_TENANT_ID: adviserTeamsTenantId
  RATE_LIMIT_PER_MINUTE: string(rateLimitPerMinute)
  // The deployed zip is built by CI (npm ci, npm run build); building again on the server would be slower and could differ.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  // Settings last, so the app never starts against an account whose containers are missing.
  dependsOn: [
    containers
  ]
  properties: toObject(filter(items(appSettings), setting => !empty(setting.value)), setting => setting.key, setting => setting.value)
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = if (enableAutoscale) {
  name: 'autoscale-${planName}'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(instanceCount)
          maximum: string(max(autoscaleMaxInstances, instanceCount))
          default: string(instanceCount)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricNamespace: 'microsoft.web/serverfarms'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricNamespace: 'microsoft.web/serverfarms'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              // A longer window going down than up, so a short lull does not remove capacity.
              timeWindow: 'PT20M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

// ---------------------------------------------------------------- Azure Bot and channels

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: messagingEndpoint
    msaAppId: botAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppTenantId
    msaAppMSIResourceId: isMsi ? botIdentity.id : null
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: botLocation
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Council website'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          // With trusted origins, tokens only work from the council's pages.
          isSecureSiteEnabled: !empty(webChatTrustedOrigins)
          trustedOrigins: webChatTrustedOrigins
          // The bot handles text only; blocking uploads stops parents sending documents about their child that nothing would read.
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: botLocation
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          // Used by "Test in Web Chat" in the Azure portal; the public page goes through Direct Line.
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: false
        }
      ]
    }
  }
}

// ---------------------------------------------------------------- outputs

@description('Messaging endpoint registered on the Azure Bot.')
output botEndpoint string = messagingEndpoint

@description('Default host name of the web app; use it as BOT_DOMAIN when building the Teams package.')
output appHostname string = defaultHostName

@description('Name of the web app, for az webapp deploy.')
output webAppResourceName string = site.name

@description('Name of the Azure Bot resource, for az bot commands.')
output botResourceName string = bot.name

@description('The bot\'s Microsoft App ID; use it as BOT_ID when building the Teams package.')
output botAppId string = botAppId

@description('Name of the storage account holding the bot\'s containers.')
output storageAccountName string = storage.name
