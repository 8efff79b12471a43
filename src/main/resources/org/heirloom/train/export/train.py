"""Trains one replicate of a Heirloom training job with Hugging Face TRL.

Written by `heirloom export-training-job`; see manifest.json and docs/scale-out.md.
Usage: accelerate launch train.py --replicate R

The data are pre-tokenised by Heirloom (input_ids + completion_mask), so TRL trains on exactly the
ids Heirloom's own trainer would see, with the loss on the completion (and EOS) only.
"""

import argparse
import json
import os

from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicate", type=int, required=True)
    parser.add_argument("--base", help="override the base model folder of the manifest")
    args = parser.parse_args()

    with open(os.path.join(HERE, "manifest.json")) as f:
        manifest = json.load(f)
    rep = manifest["replicate_jobs"][args.replicate]
    with open(os.path.join(HERE, rep["config_file"])) as f:
        cfg = json.load(f)
    sft = dict(cfg["sft_config"])
    sft["output_dir"] = os.path.join(HERE, sft["output_dir"])
    config = SFTConfig(**sft)

    base = args.base or manifest["base"]
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base, torch_dtype="auto")

    columns = ["input_ids", "completion_mask"]
    files = {"train": os.path.join(HERE, rep["train_file"])}
    if rep["heldout_examples"] > 0:
        files["eval"] = os.path.join(HERE, rep["eval_file"])
    data = load_dataset("json", data_files=files)
    data = data.select_columns(columns)

    peft_config = None
    if cfg.get("lora"):
        from peft import LoraConfig

        peft_config = LoraConfig(**cfg["lora"])

    trainer = SFTTrainer(
        model=model,
        args=config,
        train_dataset=data["train"],
        eval_dataset=data["eval"] if "eval" in data else None,
        processing_class=tokenizer,
        peft_config=peft_config,
    )
    trainer.train()

    out = config.output_dir
    model = trainer.model
    if peft_config is not None:
        # Heirloom merges LoRA deltas into the weights: the student is a plain checkpoint.
        model = model.merge_and_unload()
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    with open(os.path.join(out, "heirloom-job.json"), "w") as f:
        json.dump(
            {
                "format": manifest["format"],
                "project": manifest["project"],
                "selection": manifest["selection"],
                "selection_id": manifest["selection_id"],
                "split": manifest.get("split"),
                "data_hash": manifest["data_hash"],
                "name": manifest["name"],
                "student": rep["student"],
                "replicate": rep["replicate"],
                "heirloom_seed": rep["heirloom_seed"],
                "trl_version": manifest["trl_version"],
                "manifest_sha256_of_files": manifest["files"],
            },
            f,
            indent=2,
        )


if __name__ == "__main__":
    main()
