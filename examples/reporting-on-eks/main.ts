/** `cdktf synth` (cdktf.json): the reporting team's app, checked by the verifier and its own rule pack. */
import { reportingApp } from "./app";

reportingApp().app.synth();
