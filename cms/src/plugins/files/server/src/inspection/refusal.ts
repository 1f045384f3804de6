/** A file the platform will not store. The message is shown to the member as it is. */
export class InspectionRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InspectionRefusal';
  }
}
