/** Discord's documented message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Sum of title, description, field names and values, footer and author across ALL embeds of a message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  content: 2000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  modalTitle: 45,
  modalComponents: 5,
  labelText: 45,
  textInputValue: 4000,
  placeholder: 100,
  selectOptions: 25,
  filesPerMessage: 10,
  /** Alt text of an attachment. */
  attachmentDescription: 1024,
  /** Users in allowed_mentions.users. */
  allowedMentionUsers: 100,
} as const;
